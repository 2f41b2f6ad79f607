/**
 * The app's identity to Windows: its AppUserModelID. Windows shows a toast only for an app whose
 * id matches the Start menu shortcut the installer made, and electron-builder names that shortcut
 * with `appId` from electron-builder.yml, so the two must be the same string
 * (test/packaging/app-identity.test.ts reads the file).
 */
export const APP_USER_MODEL_ID = 'jp.tanto.workstation';
