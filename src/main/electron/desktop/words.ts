// The few words the main process shows by itself (notifications, tray, dialogs), in English and Dutch.
// The renderer has its own i18n; these never reach it.
import type { Settings } from '../../../contract/model.js';

export type UiLanguage = 'en' | 'nl';

/** 'system' follows the OS locale: Dutch for any nl-* locale, English otherwise. */
export function resolveUiLanguage(setting: Settings['language'], systemLocale: string): UiLanguage {
  if (setting !== 'system') return setting;
  return /^nl(?:[-_]|$)/i.test(systemLocale) ? 'nl' : 'en';
}

export interface DesktopWords {
  encryptedMessage: string;
  /** Tray tooltip; `unread` is the sum over all rooms. */
  trayTooltip(unread: number): string;
  show: string;
  quit: string;
  /** Shown once per run when closing the window left the app running in the tray. */
  stillRunning: string;
  addServerTitle: string;
  addServerMessage(serverUrl: string): string;
  addServerDetail: string;
  addServerConfirm: string;
  startDirectTitle: string;
  startDirectMessage(username: string): string;
  startDirectDetail: string;
  startDirectConfirm: string;
  cancel: string;
}

const en: DesktopWords = {
  encryptedMessage: 'Encrypted message',
  trayTooltip: (unread) => (unread > 0 ? `OTR Desk — ${unread} unread` : 'OTR Desk'),
  show: 'Show OTR Desk',
  quit: 'Quit',
  stillRunning: 'OTR Desk keeps running in the tray, so messages and encrypted-chat requests still reach you. Quit it from the tray menu.',
  addServerTitle: 'Add server',
  addServerMessage: (serverUrl) => `A link asks to open ${serverUrl}, a server you have not added. Add it?`,
  addServerDetail: 'Only add servers you trust. You will be asked to sign in.',
  addServerConfirm: 'Add server',
  startDirectTitle: 'Start a conversation',
  startDirectMessage: (username) => `A link asks to start a conversation with ${username}. Start it?`,
  startDirectDetail: 'This creates a direct conversation with that person on your server. Only go ahead if you expected this link.',
  startDirectConfirm: 'Start conversation',
  cancel: 'Cancel',
};

const nl: DesktopWords = {
  encryptedMessage: 'Versleuteld bericht',
  trayTooltip: (unread) => (unread > 0 ? `OTR Desk — ${unread} ongelezen` : 'OTR Desk'),
  show: 'OTR Desk tonen',
  quit: 'Afsluiten',
  stillRunning: 'OTR Desk blijft actief in het systeemvak, zodat berichten en verzoeken voor versleutelde chats je blijven bereiken. Afsluiten kan via het menu in het systeemvak.',
  addServerTitle: 'Server toevoegen',
  addServerMessage: (serverUrl) => `Een link wil ${serverUrl} openen, een server die je nog niet hebt toegevoegd. Toevoegen?`,
  addServerDetail: 'Voeg alleen servers toe die je vertrouwt. Daarna meld je je aan.',
  addServerConfirm: 'Server toevoegen',
  startDirectTitle: 'Gesprek starten',
  startDirectMessage: (username) => `Een link wil een gesprek met ${username} starten. Starten?`,
  startDirectDetail: 'Zo ontstaat op je server een direct gesprek met die persoon. Ga alleen verder als je deze link verwachtte.',
  startDirectConfirm: 'Gesprek starten',
  cancel: 'Annuleren',
};

export function desktopWords(language: UiLanguage): DesktopWords {
  return language === 'nl' ? nl : en;
}
