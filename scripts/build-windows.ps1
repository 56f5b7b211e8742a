<#
.SYNOPSIS
    Build Tavana for Windows (PyInstaller, one folder) and smoke-test what was built.

.DESCRIPTION
    From the repository's root, in Windows PowerShell 5.1 or PowerShell 7:

        powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1

    1. makes a virtual environment of its own (.venv-build; the developers' .venv is
       left alone) with Python 3.11 or newer from python.org (the `py` launcher, or
       -Python C:\path\to\python.exe), which must have Tcl/Tk ("tcl/tk and IDLE" in
       its installer);
    2. installs the app with its PostgreSQL extra, and PyInstaller;
    3. builds packaging\tavana.spec into dist\tavana\ (tavana.exe for the desks,
       tavana-cli.exe for the command line, _internal\ with Python and the fonts);
    4. runs the built programs on a database in a temporary folder: --version (both
       programs), demo, applicants search, init + applicants import, certificates
       print to a PDF, a backup, audit verify, keys status (the keyring backend), and
       the windowed app for a few seconds (it must still run and show its window);
    5. with -Zip, packs dist\tavana into dist\tavana-VERSION-windows.zip.

    It stops at the first step that fails, naming it (exit 1). This file is ASCII only:
    Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code
    page, so the Persian checks read the built program's own output instead.
    docs\windows.md is the checklist for a person at a real desk after this.

.PARAMETER Python
    The Python to build with; default: `py -3.11` when the launcher is there, else `python`.
.PARAMETER SkipSmokeTest
    Build only.
.PARAMETER NoSession
    For a build machine without a logged-in user's desktop session (a service, a CI
    runner): the OS keyring (Credential Manager) is not required, and the windowed app
    is not started.
.PARAMETER Zip
    Pack the built folder into a zip beside it.
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [switch]$SkipSmokeTest,
    [switch]$NoSession,
    [switch]$Zip
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
# The built program writes UTF-8 (it runs in Python's UTF-8 mode): read it as such.
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)
$OutputEncoding = [Console]::OutputEncoding

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = Join-Path $Root ".venv-build"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$Dist = Join-Path $Root "dist"
$Bundle = Join-Path $Dist "tavana"
$Gui = Join-Path $Bundle "tavana.exe"
$Cli = Join-Path $Bundle "tavana-cli.exe"

function Step([string]$Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
function Fail([string]$Text) { Write-Host "FAILED: $Text" -ForegroundColor Red; exit 1 }

# Run a native program; stop with its name and exit code when it fails. Its standard
# error goes to the console as it is (not through PowerShell's error stream, which
# would stop the script at the first progress line a command prints there).
function Invoke-Checked([string]$What, [string]$Exe, [string[]]$Arguments) {
    $previous = $ErrorActionPreference
    $ErrorActionPreference = "Continue"  # stderr redirected by a caller is not an error here
    try { $output = & $Exe @Arguments } finally { $ErrorActionPreference = $previous }
    if ($LASTEXITCODE -ne 0) { Fail "$What (exit $LASTEXITCODE): $Exe $($Arguments -join ' ')" }
    return $output
}

# --- 1. Python and the build environment --------------------------------------------------
Step "Python"
if (-not $Python) {
    if (Get-Command py -ErrorAction SilentlyContinue) { $Python = "py -3.11" } else { $Python = "python" }
}
$PythonParts = $Python -split " "
$PythonExe, $PythonArgs = $PythonParts[0], @($PythonParts | Select-Object -Skip 1)
$check = "import sys, tkinter; assert sys.version_info >= (3, 11), sys.version; " +
         "print(sys.version.split()[0], 'Tk', tkinter.TkVersion)"
Invoke-Checked "Python 3.11+ with tkinter" $PythonExe ($PythonArgs + @("-c", $check))

if (-not (Test-Path $VenvPython)) {
    Step "Virtual environment $Venv"
    Invoke-Checked "python -m venv" $PythonExe ($PythonArgs + @("-m", "venv", $Venv)) | Out-Null
}
Step "Installing the app and PyInstaller"
Invoke-Checked "pip upgrade" $VenvPython @("-m", "pip", "install", "--quiet", "--upgrade", "pip") | Out-Null
# Editable: the one copy of `desktop` is this tree, the one the spec freezes.
Invoke-Checked "pip install" $VenvPython @(
    "-m", "pip", "install", "--quiet", "-e", ".[postgres]", "pyinstaller>=6.10,<7"
) | Out-Null

# --- 2. Build -------------------------------------------------------------------------
Step "PyInstaller (packaging\tavana.spec)"
Invoke-Checked "pyinstaller" $VenvPython @(
    "-m", "PyInstaller", "--noconfirm", "--clean",
    "--distpath", $Dist, "--workpath", (Join-Path $Root "build"),
    "packaging\tavana.spec"
) | Out-Null
foreach ($file in @($Gui, $Cli, (Join-Path $Bundle "_internal\assets\fonts\Vazirmatn-Regular.ttf"))) {
    if (-not (Test-Path $file)) { Fail "missing from the build: $file" }
}
$Version = (Invoke-Checked "reading the version" $VenvPython @(
    "-c", "import desktop; print(desktop.__version__)"
) | Select-Object -First 1).Trim()
$SizeMB = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum / 1MB), 1)
Write-Host "built $Bundle ($SizeMB MB), version $Version"

if ($SkipSmokeTest) { Write-Host "smoke test skipped"; exit 0 }

# --- 3. Smoke test ----------------------------------------------------------------------
$Work = Join-Path $env:TEMP ("tavana-smoke-" + [guid]::NewGuid().ToString("N").Substring(0, 8))
New-Item -ItemType Directory -Path $Work | Out-Null
$Db = Join-Path $Work "t.sqlite3"
$env:TAVANA_LOG = Join-Path $Work "tavana.log"   # not the user's own log
$env:TAVANA_KEYRING = "off"                       # the demo's keys: beside its database
Write-Host "working in $Work"

Step "--version"
$expected = "tavana $Version"
$said = (Invoke-Checked "tavana-cli --version" $Cli @("--version") | Out-String).Trim()
if ($said -ne $expected) { Fail "tavana-cli --version said '$said', not '$expected'" }
# The windowed program has no console: its output reaches only a redirected handle.
$out = Join-Path $Work "gui-version.txt"
$gui = Start-Process -FilePath $Gui -ArgumentList "--version" -PassThru -NoNewWindow `
    -RedirectStandardOutput $out
$null = $gui.Handle  # without it, ExitCode can read as nothing once the process ended
$gui.WaitForExit()
if ($gui.ExitCode -ne 0) { Fail "tavana.exe --version ended with $($gui.ExitCode)" }
$guiSaid = (Get-Content $out -Raw -ErrorAction SilentlyContinue)
Write-Host "tavana-cli: $said; tavana.exe (windowed): exit 0, printed '$("$guiSaid".Trim())'"

Step "demo (a training database: users, people, courses, shops)"
Invoke-Checked "demo" $Cli @("demo", "--db", $Db, "--applicants", "60", "--seed", "1")

Step "applicants search"
$found = Invoke-Checked "applicants search" $Cli @("applicants", "search", "--db", $Db, "DEMO01-000001", "--json")
if (-not ("$found" -match '"file_number": "DEMO01-000001"')) { Fail "search did not find DEMO01-000001: $found" }
Write-Host $found

Step "init, then applicants import (the demo's people, exported)"
$people = Join-Path $Work "people.csv"
Invoke-Checked "applicants export" $Cli @("applicants", "export", "--db", $Db, "--out", $people)
$password = Join-Path $Work "password.txt"
Set-Content -Path $password -Value "Smoke-test-pass-1" -Encoding Ascii
$Fresh = Join-Path $Work "fresh.sqlite3"
Invoke-Checked "init" $Cli @(
    "init", "--db", $Fresh, "--center-code", "SMK01", "--center-name", "Smoke test center",
    "--admin", "admin", "--admin-name", "Smoke Tester", "--password-file", $password
)
Invoke-Checked "applicants import" $Cli @(
    "applicants", "import", "--db", $Fresh, $people, "--report", (Join-Path $Work "report.csv")
)
$imported = Invoke-Checked "applicants search" $Cli @("applicants", "search", "--db", $Fresh, "SMK01-000001", "--json")
if (-not ("$imported" -match '"file_number": "SMK01-000001"')) { Fail "the import made no SMK01-000001: $imported" }

Step "certificates print (a finished demo course, to a PDF)"
$pdf = Join-Path $Work "certificates.pdf"
Invoke-Checked "certificates print" $Cli @("certificates", "print", "--db", $Db, "--course", "DEMO01-C-0001", "--out", $pdf)
$head = [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($pdf), 0, 5)
if ($head -ne "%PDF-") { Fail "$pdf is not a PDF" }
$pdfBytes = [System.IO.File]::ReadAllBytes($pdf)
if (-not ([System.Text.Encoding]::ASCII.GetString($pdfBytes) -match "Vazirmatn")) { Fail "the PDF does not embed Vazirmatn" }
Write-Host "$pdf ($([math]::Round($pdfBytes.Length / 1KB)) KB, Vazirmatn embedded)"

Step "backup and audit verify"
Invoke-Checked "backup" $Cli @("backup", "--db", $Db, "--out", (Join-Path $Work "backups"))
Invoke-Checked "audit verify" $Cli @("audit", "verify", "--db", $Db)

Step "keys status (is Windows Credential Manager found?)"
Remove-Item Env:\TAVANA_KEYRING
$status = Invoke-Checked "keys status" $Cli @("keys", "status", "--db", $Db, "--json")
Write-Host $status
if (-not $NoSession -and -not ("$status" -match '"keyring": true')) {
    Fail ("the built program found no OS keyring (keyring's backends or win32ctypes " +
          "missing from the build?); -NoSession on a machine without a user session")
}
$env:TAVANA_KEYRING = "off"

if (-not $NoSession) {
    Step "the windowed app starts and shows its window"
    $app = Start-Process -FilePath $Gui -ArgumentList @("--db", "`"$Db`"") -PassThru
    $null = $app.Handle
    Start-Sleep -Seconds 8
    $app.Refresh()
    if ($app.HasExited) { Fail "tavana.exe ended at once (exit $($app.ExitCode)); see $env:TAVANA_LOG" }
    $title = $app.MainWindowTitle
    Stop-Process -Id $app.Id
    if (-not $title) { Fail "tavana.exe runs but shows no window" }
    Write-Host "window title: $title (the app's name in Persian)"
}

Write-Host "`nsmoke test passed; its files are in $Work" -ForegroundColor Green

if ($Zip) {
    Step "zip"
    $archive = Join-Path $Dist "tavana-$Version-windows.zip"
    if (Test-Path $archive) { Remove-Item $archive }
    Compress-Archive -Path $Bundle -DestinationPath $archive
    Write-Host $archive
}
