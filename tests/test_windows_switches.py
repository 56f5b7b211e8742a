"""The Windows paths of the code, taken here on Linux through their switches: each
function that asks `sys.platform` (or `os.name`) takes it as a parameter, and the
system calls it makes there (gdi32, kernel32, os.startfile, the known folders) are
passed in as fakes that record what they were asked.

What these cannot show — Windows itself drawing Persian, its keyboard, Credential
Manager, a real network drive — is the checklist in docs/windows.md. Other Windows
switches are tested beside their module: the file dialog's choice
(tests/test_folder_listing.py), the display mode's resolution and native paths
(tests/test_text_display.py).
"""

from __future__ import annotations

import ast
import ctypes
import importlib.util
import os
import socket
import stat
import sys
from pathlib import Path, PureWindowsPath

import platformdirs.windows
import pytest

from desktop import config, fonts, processes
from desktop.processes import ProcessMark
from desktop.text.display import Display, DisplayMode, windowing_system_of
from desktop.views.course.files import open_file, open_with_system

ROOT = Path(__file__).resolve().parent.parent
LOCAL_APPDATA = r"C:\Users\zahra\AppData\Local"
ROAMING_APPDATA = r"C:\Users\zahra\AppData\Roaming"


class Recorder:
    """A stand-in for a ctypes function (or any callable): records each call's
    arguments, answers with `answer(*args)`, and takes `argtypes`/`restype` as ctypes
    functions do."""

    def __init__(self, answer=lambda *args: 1):
        self.answer = answer
        self.calls: list[tuple] = []
        self.keywords: list[dict] = []
        self.argtypes = None
        self.restype = None

    def __call__(self, *args, **keywords):
        self.calls.append(args)
        self.keywords.append(keywords)
        return self.answer(*args)


# -- fonts: AddFontResourceExW(path, FR_PRIVATE, 0) ------------------------------------------


class FakeGdi32:
    def __init__(self, added: int = 1):
        self.AddFontResourceExW = Recorder(lambda *args: added)


def test_on_windows_each_font_is_added_privately_for_this_process(monkeypatch):
    gdi32 = FakeGdi32()
    monkeypatch.setattr(fonts, "_gdi32", lambda: gdi32)

    assert fonts.register_app_fonts(platform="win32") == []

    assert gdi32.AddFontResourceExW.calls == [
        (str(fonts.font_path(name)), 0x10, None) for name in fonts.FONT_FILES
    ]
    assert fonts.FR_PRIVATE == 0x10  # not FR_NOT_ENUM (0x20): other programs never see it
    assert gdi32.AddFontResourceExW.argtypes == [
        ctypes.c_wchar_p,  # the W function: a Persian folder name reaches it whole
        ctypes.c_uint32,
        ctypes.c_void_p,
    ]


def test_a_font_windows_refuses_is_reported_not_passed_over(monkeypatch):
    monkeypatch.setattr(fonts, "_gdi32", lambda: FakeGdi32(added=0))

    problems = fonts.register_app_fonts(platform="win32")

    assert problems == [f"could not register {fonts.font_path(n)}" for n in fonts.FONT_FILES]


def test_a_frozen_build_reads_the_fonts_from_its_bundle(tmp_path, monkeypatch):
    """PyInstaller's bootloader names its folder in sys._MEIPASS (`_internal` beside
    tavana.exe); the spec puts assets/fonts there."""
    bundled = tmp_path / "_internal" / "assets" / "fonts"
    bundled.mkdir(parents=True)
    for name in fonts.FONT_FILES:
        (bundled / name).write_bytes(b"font")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    gdi32 = FakeGdi32()
    monkeypatch.setattr(fonts, "_gdi32", lambda: gdi32)

    assert fonts.font_dir() == bundled
    assert fonts.register_app_fonts(platform="win32") == []
    assert [Path(call[0]).parent for call in gdi32.AddFontResourceExW.calls] == [bundled] * 3


def test_from_the_source_tree_the_fonts_are_in_assets():
    assert not hasattr(sys, "_MEIPASS")
    assert fonts.font_dir() == ROOT / "assets" / "fonts"
    assert all(fonts.font_path(name).is_file() for name in fonts.FONT_FILES)


def test_the_build_bundles_every_font_the_app_registers():
    spec = ast.parse((ROOT / "packaging" / "tavana.spec").read_text(encoding="utf-8"))
    bundled = next(
        ast.literal_eval(node.value)
        for node in spec.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "FONTS"
    )
    assert set(fonts.FONT_FILES) <= set(bundled)
    assert "OFL.txt" in bundled  # the licence travels with the fonts


# -- the display: Tk on win32 shapes Persian itself ----------------------------------------


@pytest.mark.parametrize(
    ("platform", "system"), [("win32", "win32"), ("darwin", "aqua"), ("linux", "x11")]
)
def test_the_windowing_system_is_guessed_from_the_platform(platform, system):
    assert windowing_system_of(platform) == system


def test_auto_on_windows_hands_logical_text_to_tk():
    display = Display(DisplayMode.AUTO, windowing_system_of("win32"))
    assert display.mode is DisplayMode.NATIVE
    assert display("نامهٔ محمد‌رضا (۱۲)") == "نامهٔ محمد‌رضا (۱۲)"
    # The person's own setting still wins: convert on Windows converts.
    assert Display(DisplayMode.CONVERT, "win32")("سلام") != "سلام"


# -- where the data lives: %LOCALAPPDATA%\tavana -----------------------------------------------


@pytest.fixture
def windows_known_folders(monkeypatch):
    """What SHGetKnownFolderPath answers on Windows, for platformdirs."""
    folders = {"CSIDL_LOCAL_APPDATA": LOCAL_APPDATA, "CSIDL_APPDATA": ROAMING_APPDATA}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)


def test_on_windows_the_data_is_in_the_local_profile(windows_known_folders):
    data = PureWindowsPath(str(config.data_dir("win32")))
    log = PureWindowsPath(str(config._default_log_dir("win32")))

    assert data == PureWindowsPath(LOCAL_APPDATA, "tavana")  # never the roaming profile
    assert log == PureWindowsPath(LOCAL_APPDATA, "tavana", "Logs")


def test_on_this_machine_the_folders_are_platformdirs_own():
    assert config.data_dir() == Path(platformdirs.user_data_dir("tavana", appauthor=False))


def test_modes_are_left_alone_where_they_mean_nothing(tmp_path):
    loose = tmp_path / "tavana.sqlite3"
    loose.write_bytes(b"")
    loose.chmod(0o644)

    config.make_private(loose, os_name="nt")
    assert stat.S_IMODE(loose.stat().st_mode) == 0o644  # Windows: the profile's ACL decides

    config.make_private(loose, os_name="posix")
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600


# -- is a process still running: OpenProcess + GetExitCodeProcess -------------------------


class FakeKernel32:
    """kernel32 for one process: `exit_code` None when OpenProcess finds no process."""

    STILL_ACTIVE = 259

    def __init__(self, exit_code: int | None, exit_code_readable: bool = True):
        self.OpenProcess = Recorder(lambda access, inherit, pid: 0 if exit_code is None else 7)
        self.GetExitCodeProcess = Recorder(self._exit_code)
        self.CloseHandle = Recorder()
        self.exit_code, self.readable = exit_code, exit_code_readable

    def _exit_code(self, handle, code_ref):
        if not self.readable:
            return 0
        code_ref._obj.value = self.exit_code
        return 1


@pytest.mark.parametrize(
    ("exit_code", "runs"), [(FakeKernel32.STILL_ACTIVE, True), (0, False), (1, False)]
)
def test_windows_asks_for_the_exit_code_and_closes_the_handle(exit_code, runs):
    kernel32 = FakeKernel32(exit_code)

    assert processes._windows_process_runs(4242, kernel32, last_error=lambda: 0) is runs

    assert kernel32.OpenProcess.calls == [(0x1000, False, 4242)]  # query limited information
    assert kernel32.CloseHandle.calls == [(7,)]
    assert kernel32.OpenProcess.restype is ctypes.c_void_p  # a 64-bit HANDLE stays whole


@pytest.mark.parametrize(
    ("last_error", "runs"),
    [(5, True), (87, False)],  # access denied: another user's; invalid parameter: none
)
def test_a_process_windows_will_not_open_is_told_by_the_error(last_error, runs):
    kernel32 = FakeKernel32(exit_code=None)

    assert processes._windows_process_runs(4242, kernel32, lambda: last_error) is runs
    assert kernel32.CloseHandle.calls == []


def test_an_exit_code_windows_will_not_give_reads_as_ended():
    kernel32 = FakeKernel32(exit_code=0, exit_code_readable=False)
    assert processes._windows_process_runs(4242, kernel32, lambda: 0) is False
    assert kernel32.CloseHandle.calls == [(7,)]


def test_on_windows_is_running_asks_windows(monkeypatch):
    asked: list[int] = []
    monkeypatch.setattr(processes, "_windows_process_runs", lambda pid: asked.append(pid) or True)
    host = socket.gethostname()
    other = os.getpid() + 1

    assert processes.is_running(ProcessMark(other, host), platform="win32") is True
    assert processes.is_running(ProcessMark(os.getpid(), host), platform="win32") is True
    assert processes.is_running(ProcessMark(other, "another-desk"), platform="win32") is False
    assert asked == [other]  # this process and another machine's need no asking


# -- opening a PDF with the system's viewer ------------------------------------------------


def test_on_windows_a_file_is_opened_by_its_association(tmp_path):
    pdf = tmp_path / "گواهینامه‌ها.pdf"
    startfile, popen = Recorder(), Recorder()

    open_with_system(pdf, platform="win32", startfile=startfile, popen=popen)

    assert startfile.calls == [(str(pdf),)]
    assert popen.calls == []


@pytest.mark.parametrize(("platform", "opener"), [("linux", "xdg-open"), ("darwin", "open")])
def test_elsewhere_a_file_is_opened_by_the_desktop_opener(tmp_path, platform, opener):
    pdf = tmp_path / "certificates.pdf"
    popen = Recorder()
    open_with_system(pdf, platform=platform, startfile=Recorder(), popen=popen)
    assert [call[0] for call in popen.calls] == [[opener, str(pdf)]]
    assert popen.keywords == [{"start_new_session": True}]  # it outlives the app


def test_no_program_for_pdf_on_windows_is_a_failure_to_report(tmp_path):
    def no_association(path):
        raise OSError(1155, "No application is associated with the specified file")

    def opener(path):
        open_with_system(path, platform="win32", startfile=no_association)

    assert open_file(opener, tmp_path / "c.pdf") is False


# -- the frozen program's entry (packaging/entry.py) -----------------------------------------


def test_a_windowed_program_gets_streams_to_write_to(monkeypatch):
    """pythonw-style: sys.stdout and sys.stderr are None until the entry gives them one;
    a stream that was handed over is kept."""
    spec = importlib.util.spec_from_file_location("entry", ROOT / "packaging" / "entry.py")
    assert spec is not None and spec.loader is not None
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)  # not __main__: defines, runs nothing
    handed = sys.stderr
    monkeypatch.setattr(sys, "stdout", None)

    entry.give_streams()

    assert sys.stdout is not None and sys.stdout.name == os.devnull
    sys.stdout.write("nothing to see")
    sys.stdout.flush()
    sys.stdout.close()
    assert sys.stderr is handed
