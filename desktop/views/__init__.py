"""ttkbootstrap screens. Views call services and never import peewee or desktop.models."""
