; Roundsman Server: the office server, for the whole machine, as the Windows service
; RoundsmanServer ("Roundsman office server"). Needs an administrator.
;
; Inno Setup 6.3 or later (x64compatible). On a Windows machine, after installer/build
; wrote the onedir bundle dist\roundsman\, from the source tree's root:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.2.0 installer\windows\roundsman-server.iss
; writes dist\roundsman-server-0.2.0-setup.exe. AppVersion is core/version.py's VERSION.
;
; What it does:
; - installs the bundle into {autopf}\Roundsman Server (C:\Program Files\Roundsman Server);
; - on a first install, asks the database URL and the address to listen on (unattended:
;   /VERYSILENT /Db=URL /Listen=HOST:PORT) and writes them, with the server's folders, into
;   C:\ProgramData\Roundsman\server.args, one argument a line (roundsman-server @FILE);
;   an upgrade keeps that file as it is (edit it, then restart the service);
; - makes a new SQLite database with roundsman-admin db upgrade (a PostgreSQL database is
;   upgraded, and its app role made, by its administrator beforehand: roundsman-admin db
;   upgrade, db setup-roles);
; - creates the service (automatic start, restarted a minute after a failure), opens its
;   TCP port in Windows Firewall and starts it;
; - an upgrade stops the service before replacing its files and starts it again after.
; The uninstaller stops and deletes the service and the firewall rule, and keeps
; C:\ProgramData\Roundsman: the database, the ledger's key, the certificate workstations
; have pinned, the log.
;
; The service runs as LocalSystem. (A virtual account, sc.exe config RoundsmanServer
; obj= "NT SERVICE\RoundsmanServer", would hold fewer rights; it then needs full control
; of C:\ProgramData\Roundsman granted to "NT SERVICE\RoundsmanServer".)

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=0.2.0 installer\windows\roundsman-server.iss
#endif

#define AppName "Roundsman Server"
#define ServiceName "RoundsmanServer"
#define ServiceDisplayName "Roundsman office server"
#define FirewallRule "Roundsman server"

[Setup]
; The AppId says "this is Roundsman Server" to upgrades and the uninstaller: never change
; it (the desktop's is another).
AppId={{6F7CAA2C-37B0-4E71-8FEA-EADFBC35D9A3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Roundsman
PrivilegesRequired=admin
DefaultDirName={autopf}\Roundsman Server
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=roundsman-server-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\roundsman-server.exe
UninstallDisplayName={#AppName}

; English only: Inno Setup ships no Traditional Chinese messages (its site's
; ChineseTraditional.isl is an unofficial translation).
[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
; The last page (there are no shortcuts, so the NoIcons one is shown)
FinishedLabelNoIcons=Setup has finished installing [name] on your computer.%n%nThe office server runs as the Windows service "{#ServiceDisplayName}". Each time it starts, its log (ProgramData\Roundsman\server\roundsman-server.log) has a line "fingerprint SHA256 ...": the fingerprint a workstation checks when it first connects to the server.
FinishedLabel=Setup has finished installing [name] on your computer.%n%nThe office server runs as the Windows service "{#ServiceDisplayName}". Each time it starts, its log (ProgramData\Roundsman\server\roundsman-server.log) has a line "fingerprint SHA256 ...": the fingerprint a workstation checks when it first connects to the server.

[Dirs]
; The server's data: the database, ledger.key (the HMAC chains' key), server\ (the TLS key
; and certificate, the log) and server.args (which may hold a PostgreSQL password).
; LocalSystem (the service's account) and administrators only; users no access:
; "Permissions: system-full admins-full" gives those two full control, but Inno Setup only
; ADDS entries to the ACL, and C:\ProgramData lets Users read everything below it by
; inheritance; so LockDataFolder ([Code]) also removes the inherited entries (icacls).
Name: "{commonappdata}\Roundsman"; Permissions: system-full admins-full; Flags: uninsneveruninstall
Name: "{commonappdata}\Roundsman\server"; Flags: uninsneveruninstall

[InstallDelete]
; An upgrade replaces the bundle's libraries as a whole: no module of an older release is
; left beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The onedir bundle installer/build wrote (the desktop's too: one bundle, three programs).
Source: "..\..\dist\roundsman\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Run]
; The log's "fingerprint SHA256 ..." line is what workstations check on their first
; connection. Notepad runs elevated: only administrators may read the log.
Filename: "{win}\notepad.exe"; Parameters: """{commonappdata}\Roundsman\server\roundsman-server.log"""; Description: "Show the server's log (its ""fingerprint SHA256"" line is for the workstations)"; Flags: postinstall nowait skipifsilent runascurrentuser

[Code]
const
  ServiceName = '{#ServiceName}';
  // sc.exe's and Windows' error codes
  ERROR_SERVICE_ALREADY_RUNNING = 1056;
  ERROR_SERVICE_EXISTS = 1073;

var
  ServerPage: TInputQueryWizardPage;
  FreshInstall: Boolean;

function DataFolder: String;
begin
  Result := ExpandConstant('{commonappdata}\Roundsman');
end;

function ArgsFile: String;
begin
  Result := DataFolder + '\server.args';
end;

function LogFile: String;
begin
  Result := DataFolder + '\server\roundsman-server.log';
end;

function ForwardSlashes(const Path: String): String;
begin
  Result := Path;
  StringChangeEx(Result, '\', '/', True);
end;

function DatabaseUrl: String;
begin
  Result := Trim(ServerPage.Values[0]);
end;

function ListenAddress: String;
begin
  Result := Trim(ServerPage.Values[1]);
end;

// The port of HOST:PORT, 0 if there is none.
function ListenPort(const Listen: String): Integer;
var
  I: Integer;
begin
  Result := 0;
  for I := Length(Listen) downto 1 do
    if Listen[I] = ':' then
    begin
      Result := StrToIntDef(Copy(Listen, I + 1, Length(Listen) - I), 0);
      if (I = 1) or (Result < 1) or (Result > 65535) then
        Result := 0;
      Exit;
    end;
end;

// A program run hidden, waited for; its exit code, or -1 if it could not be run.
function RunHidden(const Filename, Params: String): Integer;
var
  Code: Integer;
begin
  if Exec(Filename, Params, '', SW_HIDE, ewWaitUntilTerminated, Code) then
    Result := Code
  else
    Result := -1;
end;

function Sc(const Params: String): Integer;
begin
  Result := RunHidden(ExpandConstant('{sys}\sc.exe'), Params);
end;

procedure StopService;
begin
  // net stop waits until the service has stopped (the server gives requests running 5
  // seconds); then its process ends. 2: not running, or not installed.
  if RunHidden(ExpandConstant('{sys}\net.exe'), 'stop ' + ServiceName) = 0 then
    Sleep(3000);
end;

procedure InitializeWizard;
begin
  FreshInstall := not FileExists(ArgsFile);
  ServerPage := CreateInputQueryPage(wpSelectDir,
    'Database and network',
    'Where the office server keeps the company''s data, and where workstations reach it.',
    'Database: sqlite:///PATH for a file on this computer''s own disk, or ' +
    'postgresql://USER:PASSWORD@HOST/DATABASE for a PostgreSQL database its administrator ' +
    'has upgraded and given an app role (roundsman-admin db upgrade, db setup-roles).' + #13#10 +
    'Listen on: 0.0.0.0:PORT for every network of this computer.' + #13#10 +
    'Both are kept in ' + ArgsFile + ', which upgrades keep.');
  ServerPage.Add('&Database URL:', False);
  ServerPage.Add('&Listen on (address:port):', False);
  ServerPage.Values[0] := ExpandConstant('{param:Db|sqlite:///' +
    ForwardSlashes(DataFolder + '\roundsman.sqlite3') + '}');
  ServerPage.Values[1] := ExpandConstant('{param:Listen|0.0.0.0:8443}');
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = ServerPage.ID) and not FreshInstall;  // an upgrade keeps server.args
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if CurPageID <> ServerPage.ID then
    Exit;
  if (Pos('sqlite:///', DatabaseUrl) <> 1) and (Pos('postgresql', DatabaseUrl) <> 1) then
  begin
    SuppressibleMsgBox('The database URL starts with sqlite:/// or postgresql://.',
      mbError, MB_OK, IDOK);
    Result := False;
  end
  else if ListenPort(ListenAddress) = 0 then
  begin
    SuppressibleMsgBox('Listen on ADDRESS:PORT, for example 0.0.0.0:8443.', mbError, MB_OK,
      IDOK);
    Result := False;
  end;
end;

// An upgrade: the running service holds its files; stop it before they are replaced.
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  StopService;
  Result := '';
end;

// C:\ProgramData\Roundsman for LocalSystem and administrators only (see [Dirs]):
// inherited entries removed, the two granted full control, inherited by what is inside.
// SIDs, not names, which Windows translates: S-1-5-18 LocalSystem, S-1-5-32-544
// Administrators.
procedure LockDataFolder;
begin
  if RunHidden(ExpandConstant('{sys}\icacls.exe'), '"' + DataFolder + '" /inheritance:r ' +
         '/grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F') <> 0 then
    SuppressibleMsgBox('The permissions of ' + DataFolder + ' could not be set: make it ' +
      'readable by SYSTEM and Administrators only.', mbError, MB_OK, IDOK);
end;

// roundsman-server's arguments, one a line (UTF-8 without a byte order mark).
procedure WriteArgsFile;
var
  Lines: TArrayOfString;
begin
  SetArrayLength(Lines, 6);
  Lines[0] := '# roundsman-server''s arguments, one a line (roundsman-server --help); ' +
              'upgrades keep this file. Restart the service after a change.';
  Lines[1] := '--db=' + DatabaseUrl;
  Lines[2] := '--listen=' + ListenAddress;
  Lines[3] := '--folder=' + DataFolder + '\server';
  Lines[4] := '--key=' + DataFolder + '\ledger.key';
  Lines[5] := '--log=' + LogFile;
  if not SaveStringsToUTF8FileWithoutBOM(ArgsFile, Lines, False) then
    SuppressibleMsgBox(ArgsFile + ' could not be written.', mbError, MB_OK, IDOK);
end;

// A new SQLite file is made at this version's schema now, so a wrong path shows here;
// an existing one is upgraded by the server itself (after a copy). PostgreSQL: by its
// administrator.
procedure PrepareDatabase;
var
  Path, Output: String;
begin
  if Pos('sqlite:///', DatabaseUrl) <> 1 then
    Exit;
  Path := Copy(DatabaseUrl, Length('sqlite:///') + 1, Length(DatabaseUrl));
  StringChangeEx(Path, '/', '\', True);
  if FileExists(Path) then
    Exit;
  Output := DataFolder + '\server\db-upgrade.txt';
  // cmd /C "..." for the redirection: cmd drops the outer quotes
  if RunHidden(ExpandConstant('{cmd}'), '/C ""' + ExpandConstant('{app}\roundsman-admin.exe') +
         '" --db "' + DatabaseUrl + '" db upgrade > "' + Output + '" 2>&1"') <> 0 then
    SuppressibleMsgBox('The new database could not be made; ' + Output + ' says why.',
      mbError, MB_OK, IDOK);
end;

procedure OpenFirewall;
begin
  RunHidden(ExpandConstant('{sys}\netsh.exe'),
      'advfirewall firewall delete rule name="{#FirewallRule}"');
  if RunHidden(ExpandConstant('{sys}\netsh.exe'),
         'advfirewall firewall add rule name="{#FirewallRule}" dir=in action=allow ' +
         'protocol=TCP localport=' + IntToStr(ListenPort(ListenAddress))) <> 0 then
    SuppressibleMsgBox('Windows Firewall could not be opened for port ' +
      IntToStr(ListenPort(ListenAddress)) + ': workstations may not reach the server.',
      mbError, MB_OK, IDOK);
end;

// The service's command line, as sc.exe stores it:
//   "C:\Program Files\Roundsman Server\roundsman-server.exe" --service @"C:\ProgramData\Roundsman\server.args"
// sc.exe takes it as one argument after "binPath= " (its space is required), so it is
// quoted as a whole and its own quotes are escaped \" (no path here ends in a backslash,
// which would escape the quote after it).
procedure InstallService;
var
  Config: String;
  Code: Integer;
begin
  Config := ' binPath= "\"' + ExpandConstant('{app}\roundsman-server.exe') +
            '\" --service @\"' + ArgsFile + '\"" start= auto ' +
            'DisplayName= "{#ServiceDisplayName}"';
  Code := Sc('create ' + ServiceName + Config);
  if Code = ERROR_SERVICE_EXISTS then  // an upgrade: its command line made this one
    Code := Sc('config ' + ServiceName + Config);
  if Code <> 0 then
  begin
    SuppressibleMsgBox('The service ' + ServiceName + ' could not be created (sc.exe error ' +
      IntToStr(Code) + ').', mbError, MB_OK, IDOK);
    Exit;
  end;
  Sc('description ' + ServiceName + ' "The Roundsman office server: workstations log in ' +
     'to it over HTTPS; it holds the database and takes its scheduled backups."');
  // Restarted a minute after a failure (the failure count is forgotten after a day), also
  // when it stops with an error (failureflag), as it does when it cannot start.
  Sc('failure ' + ServiceName + ' reset= 86400 actions= restart/60000/restart/60000/restart/60000');
  Sc('failureflag ' + ServiceName + ' 1');
end;

procedure StartService;
var
  Code: Integer;
begin
  Code := Sc('start ' + ServiceName);
  if (Code <> 0) and (Code <> ERROR_SERVICE_ALREADY_RUNNING) then
    SuppressibleMsgBox('The service ' + ServiceName + ' did not start (sc.exe error ' +
      IntToStr(Code) + '); ' + LogFile + ' and the Application event log say why.',
      mbError, MB_OK, IDOK)
  else
    Sleep(3000);  // the log has its fingerprint line when the wizard offers to show it
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep <> ssPostInstall then
    Exit;
  LockDataFolder;
  if FreshInstall then
  begin
    WriteArgsFile;
    PrepareDatabase;
    OpenFirewall;
  end;
  InstallService;
  StartService;
end;

// Uninstall: the service and the firewall rule go; C:\ProgramData\Roundsman stays.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep <> usUninstall then
    Exit;
  StopService;
  Sc('delete ' + ServiceName);
  RunHidden(ExpandConstant('{sys}\netsh.exe'),
      'advfirewall firewall delete rule name="{#FirewallRule}"');
end;
