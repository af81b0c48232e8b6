; Inno Setup 6 script for scpdesk: wraps the PyInstaller one-folder build (dist\scpdesk\) in scpdesk-setup-VERSION.exe.
;
;   python packaging\build.py --smoke
;   iscc /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 packaging\windows\scpdesk.iss     -> dist\scpdesk-setup-0.1.0.exe
;
; (.github/workflows/windows.yml does exactly this; the version comes from the build, never from this file.)
; ISCC: /Dname=value defines an ISPP variable: https://jrsoftware.org/ishelp/topic_compilercmdline.htm
;
; What IT gets (README.md, "For IT"):
;   - per-user install, no admin rights: PrivilegesRequired=lowest installs to {userpf} (%LOCALAPPDATA%\Programs);
;     https://jrsoftware.org/ishelp/topic_setup_privilegesrequired.htm
;   - machine-wide install on request: PrivilegesRequiredOverridesAllowed=dialog commandline gives the
;     "for me / for all users" dialog and the /ALLUSERS and /CURRENTUSER switches; {autopf} then means
;     Program Files; https://jrsoftware.org/ishelp/topic_setup_privilegesrequiredoverridesallowed.htm,
;     https://jrsoftware.org/ishelp/topic_setupcmdline.htm, https://jrsoftware.org/ishelp/topic_consts.htm
;   - silent: /VERYSILENT /SUPPRESSMSGBOXES /NORESTART (Setup's own switches, same page);
;   - /DATABASEURL=postgresql://... sets SCPDESK_DATABASE_URL: HKLM's system environment in administrative
;     install mode (/ALLUSERS), the user's HKCU\Environment otherwise; read with {param:DATABASEURL}
;     (https://jrsoftware.org/ishelp/topic_consts.htm, "Other constants"); ChangesEnvironment=yes tells running
;     programs (Explorer) at the end (https://jrsoftware.org/ishelp/topic_setup_changesenvironment.htm);
;     IsAdminInstallMode: https://jrsoftware.org/ishelp/topic_isxfunc_isadmininstallmode.htm;
;     [Registry]: https://jrsoftware.org/ishelp/topic_registrysection.htm
;   - upgrade in place: the same AppId (never change it) finds the previous install, its folder and its mode
;     (UsePreviousAppDir, UsePreviousPrivileges default to yes); CloseApplications asks a running scpdesk to close;
;     https://jrsoftware.org/ishelp/topic_setup_appid.htm
;   - records are never in the program folder: scpdesk keeps them in the user's data folder
;     (%LOCALAPPDATA%\scpdesk), which neither an upgrade nor the uninstaller touches (no [UninstallDelete] here).

#ifndef AppVersion
  #error Pass the version of the build: iscc /DAppVersion=X.Y.Z (the CI takes it from scpdesk.__version__)
#endif
#ifndef FileVersion
  ; Windows wants up to four numbers: the CI passes packaging/version_info.py's four_part() of AppVersion.
  #define FileVersion AppVersion
#endif
#ifndef SourceDir
  ; The PyInstaller one-folder build (packaging/build.py), relative to this script.
  #define SourceDir "..\..\dist\scpdesk"
#endif
#define RepoDir "..\.."

[Setup]
; The AppId identifies scpdesk to every later installer and to its uninstaller: NEVER change it.
; ({{ escapes the brace: https://jrsoftware.org/ishelp/topic_setup_appid.htm)
AppId={{6F3C2B1E-8D4A-4F6B-9C2E-5A7D1E0B3C94}
AppName=scpdesk
AppVersion={#AppVersion}
AppVerName=scpdesk {#AppVersion}
AppPublisher=scpdesk
AppCopyright=Copyright (c) 2026 The scpdesk authors (MIT); bundled components: see LICENSES
VersionInfoVersion={#FileVersion}
VersionInfoProductVersion={#FileVersion}
VersionInfoDescription=scpdesk setup
DefaultDirName={autopf}\scpdesk
DefaultGroupName=scpdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ChangesEnvironment=yes
CloseApplications=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The licence page: scpdesk's MIT licence, the LGPL notice for Qt/PySide6/psycopg (where their source is, and
; that the user may replace those libraries) and the index of every bundled component's licence.
LicenseFile={#SourceDir}\LICENSES\README.txt
SetupIconFile={#RepoDir}\scpdesk\resources\icons\scpdesk.ico
UninstallDisplayIcon={app}\scpdesk.exe
UninstallDisplayName=scpdesk {#AppVersion}
OutputDir={#RepoDir}\dist
OutputBaseFilename=scpdesk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
; The last page of the installer and of the uninstaller say where the records are and that they stay.
FinishedLabel=Setup has finished installing [name] on your computer.%n%nYour records are kept in your own data folder (AppData\Local\scpdesk in your user folder), never in the program folder: installing a newer version or uninstalling scpdesk never deletes them.
UninstalledAll=%1 was removed from your computer.%n%nYour records were NOT deleted: they stay in your data folder (AppData\Local\scpdesk in your user folder, or the "data" folder of a portable copy). Delete that folder yourself only when nobody needs those records any more.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: scpdesk.exe, its _internal\ folder and LICENSES\. Never a developer's "portable"
; marker: in an install it would put the records in the program folder.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Excludes: "\portable"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\scpdesk"; Filename: "{app}\scpdesk.exe"; Comment: "Case reviews for Safeguarding Children Partnerships"
Name: "{autodesktop}\scpdesk"; Filename: "{app}\scpdesk.exe"; Tasks: desktopicon

[Registry]
; /DATABASEURL=postgresql://USER@SERVER/scpdesk (never a password: each user's pgpass.conf or Kerberos holds it).
; Machine-wide (administrative install mode, /ALLUSERS): the system environment, for every user of the PC.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: string; ValueName: "SCPDESK_DATABASE_URL"; ValueData: "{param:DATABASEURL}"; Flags: uninsdeletevalue; Check: DatabaseUrlGiven and IsAdminInstallMode
; Per-user install: the user's own environment.
Root: HKCU; Subkey: "Environment"; ValueType: string; ValueName: "SCPDESK_DATABASE_URL"; ValueData: "{param:DATABASEURL}"; Flags: uninsdeletevalue; Check: DatabaseUrlGiven and not IsAdminInstallMode

[Run]
Filename: "{app}\scpdesk.exe"; Description: "{cm:LaunchProgram,scpdesk}"; Flags: nowait postinstall skipifsilent

[Code]
// True when Setup was started with /DATABASEURL=... (not empty).
function DatabaseUrlGiven: Boolean;
begin
  Result := Trim(ExpandConstant('{param:DATABASEURL}')) <> '';
end;

// A URL that is not PostgreSQL's is refused before anything is installed (a typo must not leave every user of
// the PC pointed at nothing). Silent installs end with exit code 1 and this message in the log (/LOG).
function InitializeSetup: Boolean;
var
  Url: String;
begin
  Result := True;
  Url := Trim(ExpandConstant('{param:DATABASEURL}'));
  if (Url <> '') and (Pos('postgresql', Lowercase(Url)) <> 1) then
  begin
    SuppressibleMsgBox('/DATABASEURL must be a postgresql:// URL, e.g. /DATABASEURL=postgresql://scpdesk@dbserver/scpdesk', mbCriticalError, MB_OK, IDOK);
    Log('Refused /DATABASEURL: not a postgresql:// URL');
    Result := False;
  end;
end;
