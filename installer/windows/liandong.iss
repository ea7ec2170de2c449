; Inno Setup 6 script: per-user install of the PyInstaller bundle (no administrator rights).
; Build on Windows (see installer/README.md):
;   py -m PyInstaller --noconfirm --distpath build\installer\dist installer\liandong.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\liandong.iss
; User data lives in %LOCALAPPDATA%\Liandong (desktop/paths.py) and is kept on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5D3C8E52-6B7A-4F0E-9E1C-4C1A8B9D2F31}
AppName=联动 Liandong
AppVersion={#AppVersion}
AppPublisher=Liandong
DefaultDirName={localappdata}\Programs\Liandong
DefaultGroupName=联动
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\..\build\installer
OutputBaseFilename=liandong-{#AppVersion}-setup
SetupIconFile=..\..\assets\icons\liandong.ico
UninstallDisplayIcon={app}\liandong.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3 and later (Languages\); English is the default.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\build\installer\dist\liandong\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\联动"; Filename: "{app}\liandong.exe"
Name: "{group}\{cm:UninstallProgram,联动}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\联动"; Filename: "{app}\liandong.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\liandong.exe"; Description: "{cm:LaunchProgram,联动}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for {localappdata}\Liandong: plans, reports and backups stay.
