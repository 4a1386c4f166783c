; Inno Setup 6 script for gdgame's Windows installer (per-user by default, no admin).
; Build on Windows after `python packaging\build.py` has made packaging\build\dist\gdgame:
;   iscc /DAppVersion=0.1.0 packaging\windows\gdgame.iss
; build.py does this itself when iscc.exe is on PATH. Names and the AppId must match
; packaging/freeze_config.py (tests/packaging checks them).
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "gdgame"
#define AppExeName "gdgame.exe"
#define AppPublisher "The gdgame team"

[Setup]
AppId={{8C0F3D52-6B1E-4E57-9A4C-2D7B1F0E6A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\build
OutputBaseFilename=gdgame-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\gdgame.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\build\dist\gdgame\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only what it installed: saved progress in %LOCALAPPDATA%\gdgame stays.
