// A download the user saves where they choose: the save dialog, then an atomic write (never a half file; mode
// 0600 like every file the app writes: the user widens it if they want to share it).
import { app, dialog, type BrowserWindow } from 'electron';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file.js';

export async function saveWithDialog(win: BrowserWindow | undefined, name: string, bytes: Uint8Array): Promise<boolean> {
  const defaultPath = join(app.getPath('downloads'), basename(name) || 'download');
  const options = { defaultPath };
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  await writeFileAtomic(choice.filePath, bytes);
  return true;
}
