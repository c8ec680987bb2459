; Roundsman, the desktop: installed for one user, without administrator rights.
;
; Inno Setup 6.3 or later (x64compatible). On a Windows machine, after installer/build
; wrote the onedir bundle dist\roundsman\, from the source tree's root:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.2.0 installer\windows\roundsman.iss
; writes dist\roundsman-desktop-0.2.0-setup.exe. AppVersion is core/version.py's VERSION.
;
; The user's data are not the installer's: the database, settings and log live in
; %LOCALAPPDATA%\Roundsman (platformdirs' user data folder), which Roundsman itself makes
; on its first start. The uninstaller removes only what it installed ({app}), never that
; folder, so uninstalling (or upgrading) keeps the company's database.

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=0.2.0 installer\windows\roundsman.iss
#endif

#define AppName "Roundsman"
#define AppExe "roundsman.exe"

[Setup]
; The AppId says "this is Roundsman" to upgrades and the uninstaller: never change it.
AppId={{18B14D1B-5E4B-4BC7-B8D9-C88EC9A6E131}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Roundsman
; Per user, no elevation: {autopf} is then the user's own %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Roundsman
DefaultGroupName=Roundsman
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=roundsman-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}

; English only: Inno Setup ships no Traditional Chinese messages (the ChineseTraditional.isl
; of its site is an unofficial translation, not installed with it). Roundsman itself
; speaks Traditional Chinese once installed.
[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's libraries as a whole: no module of an older release is
; left beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The onedir bundle installer/build wrote: roundsman.exe, roundsman-admin.exe,
; roundsman-server.exe and _internal\.
Source: "..\..\dist\roundsman\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon
; No "demo company" shortcut: roundsman --demo fills the user's own database.

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
