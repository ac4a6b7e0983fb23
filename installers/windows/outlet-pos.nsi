; Outlet POS installer for Windows 10/11 (NSIS 3, Unicode).
;
; Input: the PyInstaller one-folder bundle frozen ON WINDOWS (outlet-pos.exe, outlet-pos-gui.exe,
; _internal\), built by .github/workflows/windows-installer.yml. Compile:
;   makensis /DBUNDLE=dist\outlet-pos /DVERSION=0.1.0 /DOUTFILE=dist\outlet-pos-setup.exe installers\windows\outlet-pos.nsi
; (installers/windows/build_nsis.sh compiles it on Linux against a stand-in folder, to check it.)
;
; Technicians' switches (all optional; /S = silent):
;   outlet-pos-setup.exe /S /OUTLET=1201 /TERMINAL=1 /SERVER=https://pusat.example.co.id
;       /ENROLLCODE=ABCD-EFGH-JKLM-NPQR /PRINTER=usb:0x0416:0x5011 /PROFILE=zjiang-80 /LANG=id
;       [/DATADIR=D:\OutletPOS] [/D=C:\Program Files\Outlet POS]   (/D= must come last)
; With /OUTLET= the installer runs, after copying the files:
;   outlet-pos.exe setup --outlet-number N --terminal T --server URL --enroll-code CODE
;       --printer CONN --profile NAME --language id|en [--data-dir DIR]
; and writes its output to $INSTDIR\setup-log.txt; its exit code becomes the installer's.

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
LangString NeedTerminal 1057 "/OUTLET= memerlukan /TERMINAL= juga."
LangString NeedTerminal 1033 "/OUTLET= needs /TERMINAL= as well."

Var OptOutlet
Var OptTerminal
Var OptServer
Var OptEnrollCode
Var OptPrinter
Var OptProfile
Var OptLang
Var OptDataDir

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

; The technician's switches: set the outlet up right after the files are in place.
Section "-setup" SecSetup
  ${If} $OptOutlet == ""
    Return
  ${EndIf}
  ${If} $OptTerminal == ""
    MessageBox MB_ICONSTOP "$(NeedTerminal)" /SD IDOK
    SetErrorLevel 2
    Return
  ${EndIf}
  StrCpy $R3 '"$INSTDIR\${CLI}" setup --outlet-number $OptOutlet --terminal $OptTerminal'
  ${If} $OptServer != ""
    StrCpy $R3 '$R3 --server "$OptServer"'
  ${EndIf}
  ${If} $OptEnrollCode != ""
    StrCpy $R3 '$R3 --enroll-code "$OptEnrollCode"'
  ${EndIf}
  ${If} $OptPrinter != ""
    StrCpy $R3 '$R3 --printer "$OptPrinter"'
  ${EndIf}
  ${If} $OptProfile != ""
    StrCpy $R3 '$R3 --profile "$OptProfile"'
  ${EndIf}
  StrCpy $R3 '$R3 --language $OptLang'
  ${If} $OptDataDir != ""
    StrCpy $R3 '$R3 --data-dir "$OptDataDir"'
  ${EndIf}
  DetailPrint "$(SetupRunning)"
  ; cmd /c for the redirection; the log never holds the enrolment code's secret reply
  ExecWait '"$SYSDIR\cmd.exe" /c "$R3 > "$INSTDIR\setup-log.txt" 2>&1"' $0
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
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${REGKEY}"
  ; the outlet's data (database, keys, backups, logs) stays in the user's data folder
SectionEnd
