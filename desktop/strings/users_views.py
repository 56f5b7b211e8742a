"""Labels of the users page (views/users_view.py) added since it was written."""


class UsersPage:
    RENAME = "نام کاربر"
    RENAME_TITLE = "نام و نام خانوادگی کاربر «{username}»"
    RENAMED = "نام کاربر «{name}» ذخیره شد."
    NO_NAME = "(نام وارد نشده)"  # in the table, for a user whose full name is missing
