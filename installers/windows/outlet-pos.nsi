; Outlet POS installer for Windows 10/11 (NSIS 3, Unicode).
;
; Input: the PyInstaller one-folder bundle frozen ON WINDOWS (outlet-pos.exe, outlet-pos-gui.exe,
; _internal\), built by .github/workflows/windows-installer.yml. Compile:
;   makensis /DBUNDLE=dist\outlet-pos /DVERSION=0.1.0 /DOUTFILE=dist\outlet-pos-setup.exe installers\windows\outlet-pos.nsi
; (installers/windows/build_nsis.sh compiles it on Linux against a stand-in folder, to check it.)
;
; Technicians' switches (all optional; /S = silent):
;   outlet-pos-setup.exe /S /OUTLET=1201 /TERMINAL=1 /MANAGER=manajer /PASSWORDFILE=D:\pw.txt
;       /SERVER=https://pusat.example.co.id /ENROLLCODE=ABCD-EFGH-JKLM-NPQR
;       /PRINTER=usb:0x0416:0x5011 /PROFILE=zjiang-80 /LANG=id [/TESTPRINT]
;       [/PROVISIONING=D:\outlet-1201.json] [/CABUNDLE=D:\courier-ca.pem] [/DATADIR=D:\OutletPOS]
;       [/SETUPNOW] [/D=C:\Program Files\Outlet POS]   (/D= must come last)
; With /OUTLET= the installer does NOT set the outlet up itself: it runs elevated, often under
; an administrator's account, and setup there would put the database in that profile and the
; master key in that account's Credential Manager, out of the clerk's reach. It writes the
; answers instead to C:\ProgramData\OutletPOS\outlet-pos\setup-answers.ini (read by the
; counter's users, as it holds the one-time enrollment code); the first start of Outlet POS
; under the counter's own account opens the first-run wizard filled from it, the manager types
; the password there, and the file is removed once the outlet exists (outlet-pos setup
; --answers does the same without questions). No password is needed or written.
; [/SETUPNOW] sets the outlet up at once instead, as the installing account: only when the
; counter's own account is the one running the installer. It runs
;   outlet-pos.exe setup --outlet-number N --terminal T --manager USER --server URL
;       --enroll-code CODE --printer CONN --profile NAME --language id|en [--provisioning-file F]
;       [--ca-bundle F] [--test-print] [--data-dir DIR] --password-stdin < PASSWORDFILE
; Silent (/S), its output goes to $INSTDIR\setup-log.txt and its exit code becomes the
; installer's; the manager's password is read from /PASSWORDFILE= (never on the command line;
; delete the file afterwards). Without /S and without /PASSWORDFILE= setup runs in a console
; window and asks for the password.

Unicode true
SetCompressor /SOLID lzma

!ifndef BUNDLE
  !define BUNDLE "..\..\dist\outlet-pos"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\outlet-pos-${VERSION}-setup.exe"
!endif
!define APP "Outlet POS"
!define REGKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OutletPOS"
!define CLI "outlet-pos.exe"
!define GUI "outlet-pos-gui.exe"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${REGKEY}" "InstallLocation"
RequestExecutionLevel admin
ShowInstDetails show
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Outlet POS"
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"   ; the first is the default
!insertmacro MUI_LANGUAGE "English"

LangString SetupRunning 1057 "Menyiapkan loket (outlet-pos setup)…"
LangString SetupRunning 1033 "Setting the outlet up (outlet-pos setup)…"
LangString SetupFailed 1057 "Penyiapan loket gagal (kode $0). Lihat $INSTDIR\setup-log.txt, lalu jalankan: outlet-pos doctor"
LangString SetupFailed 1033 "Outlet setup failed (exit $0). See $INSTDIR\setup-log.txt, then run: outlet-pos doctor"
LangString NeedTerminal 1057 "/OUTLET= memerlukan /TERMINAL= dan /MANAGER= juga."
LangString NeedTerminal 1033 "/OUTLET= needs /TERMINAL= and /MANAGER= as well."
LangString NeedPassword 1057 "Mode senyap: berikan kata sandi manajer dengan /PASSWORDFILE=FILE"
LangString NeedPassword 1033 "Silent mode: give the manager's password with /PASSWORDFILE=FILE"
LangString AnswersWritten 1057 "Jawaban penyiapan disimpan di $R5. Buka Outlet POS dari akun kasir: wizard terisi, manajer mengetik kata sandinya."
LangString AnswersWritten 1033 "Setup answers saved in $R5. Open Outlet POS from the counter's account: the wizard is filled in, the manager types the password."

Var OptOutlet
Var OptTerminal
Var OptServer
Var OptEnrollCode
Var OptPrinter
Var OptProfile
Var OptLang
Var OptDataDir
Var OptManager
Var OptPasswordFile
Var OptProvisioning
Var OptCaBundle
Var OptTestPrint
Var OptSetupNow

; /NAME=value from the command line into $R1 ("" when absent)
!macro Switch NAME VAR
  ClearErrors
  ${GetOptions} $R0 "/${NAME}=" $R1
  ${If} ${Errors}
    StrCpy ${VAR} ""
  ${Else}
    StrCpy ${VAR} $R1
  ${EndIf}
!macroend

Function .onInit
  ${GetParameters} $R0
  !insertmacro Switch "OUTLET" $OptOutlet
  !insertmacro Switch "TERMINAL" $OptTerminal
  !insertmacro Switch "SERVER" $OptServer
  !insertmacro Switch "ENROLLCODE" $OptEnrollCode
  !insertmacro Switch "PRINTER" $OptPrinter
  !insertmacro Switch "PROFILE" $OptProfile
  !insertmacro Switch "LANG" $OptLang
  !insertmacro Switch "DATADIR" $OptDataDir
  !insertmacro Switch "MANAGER" $OptManager
  !insertmacro Switch "PASSWORDFILE" $OptPasswordFile
  !insertmacro Switch "PROVISIONING" $OptProvisioning
  !insertmacro Switch "CABUNDLE" $OptCaBundle
  ClearErrors
  ${GetOptions} $R0 "/TESTPRINT" $R1
  ${If} ${Errors}
    StrCpy $OptTestPrint ""
  ${Else}
    StrCpy $OptTestPrint "1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/SETUPNOW" $R1
  ${If} ${Errors}
    StrCpy $OptSetupNow ""
  ${Else}
    StrCpy $OptSetupNow "1"
  ${EndIf}
  ${If} $OptLang == "en"
    StrCpy $LANGUAGE 1033
  ${ElseIf} $OptLang == ""
    StrCpy $OptLang "id"
    StrCpy $LANGUAGE 1057
  ${Else}
    StrCpy $LANGUAGE 1057
  ${EndIf}
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
FunctionEnd

Function un.onInit
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
FunctionEnd

Section "Outlet POS" SecMain
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; an older version's _internal must not mix with this one's
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; the shortcuts open the counter window (on the chosen data folder, when given)
  ${If} $OptDataDir != ""
    StrCpy $R2 'gui --data-dir "$OptDataDir"'
  ${Else}
    StrCpy $R2 ""
  ${EndIf}
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${GUI}" "$R2" "$INSTDIR\${GUI}" 0
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${GUI}" "$R2" "$INSTDIR\${GUI}" 0

  WriteRegStr HKLM "${REGKEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${REGKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${REGKEY}" "Publisher" "Outlet POS"
  WriteRegStr HKLM "${REGKEY}" "DisplayIcon" "$INSTDIR\${GUI}"
  WriteRegStr HKLM "${REGKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${REGKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${REGKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${REGKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${REGKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${REGKEY}" "EstimatedSize" "$0"
SectionEnd

; The answers for the counter's own account (see the header): the first start sets it up.
!macro Answer KEY VALUE
  ${If} ${VALUE} != ""
    WriteINIStr "$R5" "setup" "${KEY}" "${VALUE}"
  ${EndIf}
!macroend

Function WriteAnswers
  SetShellVarContext all
  StrCpy $R4 "$APPDATA\OutletPOS\outlet-pos"
  CreateDirectory "$R4"
  StrCpy $R5 "$R4\setup-answers.ini"
  Delete "$R5"
  !insertmacro Answer "outlet_number" $OptOutlet
  !insertmacro Answer "terminal" $OptTerminal
  !insertmacro Answer "manager" $OptManager
  !insertmacro Answer "server" $OptServer
  !insertmacro Answer "enroll_code" $OptEnrollCode
  !insertmacro Answer "provisioning_file" $OptProvisioning
  !insertmacro Answer "ca_bundle" $OptCaBundle
  !insertmacro Answer "printer" $OptPrinter
  !insertmacro Answer "profile" $OptProfile
  !insertmacro Answer "language" $OptLang
  ${If} $OptTestPrint != ""
    WriteINIStr "$R5" "setup" "test_print" "yes"
  ${EndIf}
  FlushINI "$R5"
  ; Administrators and SYSTEM, and the PC's users (the counter's account among them) who
  ; must read it and remove it once used; nobody else, as it holds the enrollment code.
  nsExec::ExecToLog 'icacls "$R5" /inheritance:r /grant:r *S-1-5-32-544:(F) *S-1-5-18:(F) *S-1-5-32-545:(M)'
  Pop $0
  DetailPrint "$(AnswersWritten)"
FunctionEnd

; The technician's switches: the answers for the counter's account, or /SETUPNOW at once.
Section "-setup" SecSetup
  ${If} $OptOutlet == ""
    Return
  ${EndIf}
  ${If} $OptTerminal == ""
  ${OrIf} $OptManager == ""
    MessageBox MB_ICONSTOP "$(NeedTerminal)" /SD IDOK
    SetErrorLevel 2
    Return
  ${EndIf}
  ${If} $OptSetupNow == ""
    Call WriteAnswers
    Return
  ${EndIf}
  StrCpy $R3 '"$INSTDIR\${CLI}" setup --outlet-number $OptOutlet --terminal $OptTerminal'
  StrCpy $R3 '$R3 --manager "$OptManager"'
  ${If} $OptServer != ""
    StrCpy $R3 '$R3 --server "$OptServer"'
  ${EndIf}
  ${If} $OptEnrollCode != ""
    StrCpy $R3 '$R3 --enroll-code "$OptEnrollCode"'
  ${EndIf}
  ${If} $OptProvisioning != ""
    StrCpy $R3 '$R3 --provisioning-file "$OptProvisioning"'
  ${EndIf}
  ${If} $OptCaBundle != ""
    StrCpy $R3 '$R3 --ca-bundle "$OptCaBundle"'
  ${EndIf}
  ${If} $OptPrinter != ""
    StrCpy $R3 '$R3 --printer "$OptPrinter"'
  ${EndIf}
  ${If} $OptProfile != ""
    StrCpy $R3 '$R3 --profile "$OptProfile"'
  ${EndIf}
  StrCpy $R3 '$R3 --language $OptLang'
  ${If} $OptTestPrint != ""
    StrCpy $R3 '$R3 --test-print'
  ${EndIf}
  ${If} $OptDataDir != ""
    StrCpy $R3 '$R3 --data-dir "$OptDataDir"'
  ${EndIf}
  DetailPrint "$(SetupRunning)"
  ${If} $OptPasswordFile != ""
    ; cmd /c for the redirections (password in, output to the log)
    ExecWait '"$SYSDIR\cmd.exe" /c "$R3 --password-stdin < "$OptPasswordFile" > "$INSTDIR\setup-log.txt" 2>&1"' $0
  ${ElseIf} ${Silent}
    DetailPrint "$(NeedPassword)"
    SetErrorLevel 2
    Return
  ${Else}
    ; the technician types the manager's password in the console window setup opens
    ExecWait '$R3' $0
  ${EndIf}
  ${If} $0 != 0
    DetailPrint "$(SetupFailed)"
    MessageBox MB_ICONEXCLAMATION "$(SetupFailed)" /SD IDOK
    SetErrorLevel $0
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\${GUI}"
  Delete "$INSTDIR\setup-log.txt"
  Delete "$INSTDIR\uninstall.exe"
  Delete "$APPDATA\OutletPOS\outlet-pos\setup-answers.ini"  ; an unused one-time code
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${REGKEY}"
  ; the outlet's data (database, keys, backups, logs) stays in the user's data folder
SectionEnd
