// The few words the main process shows by itself (notifications, tray, dialogs), in English and Dutch.
// The renderer has its own i18n; these never reach it.
import type { Settings } from '../../contract/model.js';
import type { OtrAttention } from '../../contract/otr-attention.js';

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
  /** Asked before a link adds a server the user does not know. */
  addServer(serverUrl: string): Question;
  /** Asked before a link starts a conversation that does not exist yet (it creates a room on the server). */
  startDirect(username: string): Question;
  cancel: string;
  /** What another chat's OTR state asks (the window is not focused); names the peer, nothing private. */
  otrAttention(attention: OtrAttention, user: string): string;
}

/** A yes/no question in a dialog; `confirm` labels the yes button. */
export interface Question {
  title: string;
  message: string;
  detail: string;
  confirm: string;
}

const en: DesktopWords = {
  encryptedMessage: 'Encrypted message',
  trayTooltip: (unread) => (unread > 0 ? `OTR Desk — ${unread} unread` : 'OTR Desk'),
  show: 'Show OTR Desk',
  quit: 'Quit',
  stillRunning: 'OTR Desk keeps running in the tray, so messages and encrypted-chat requests still reach you. Quit it from the tray menu.',
  addServer: (serverUrl) => ({
    title: 'Add server',
    message: `A link asks to open ${serverUrl}, a server you have not added. Add it?`,
    detail: 'Only add servers you trust. You will be asked to sign in.',
    confirm: 'Add server',
  }),
  startDirect: (username) => ({
    title: 'Start a conversation',
    message: `A link asks to start a conversation with ${username}. Start it?`,
    detail: 'This creates a direct conversation with that person on your server. Only go ahead if you expected this link.',
    confirm: 'Start conversation',
  }),
  cancel: 'Cancel',
  otrAttention: (attention, user) =>
    ({
      request: `${user} wants to start an encrypted chat.`,
      keyChanged: `${user}'s security key changed.`,
      ended: `${user} ended the encrypted chat.`,
      smp: `${user} wants to check your identity.`,
    })[attention],
};

const nl: DesktopWords = {
  encryptedMessage: 'Versleuteld bericht',
  trayTooltip: (unread) => (unread > 0 ? `OTR Desk — ${unread} ongelezen` : 'OTR Desk'),
  show: 'OTR Desk tonen',
  quit: 'Afsluiten',
  stillRunning: 'OTR Desk blijft actief in het systeemvak, zodat berichten en verzoeken voor versleutelde chats je blijven bereiken. Afsluiten kan via het menu in het systeemvak.',
  addServer: (serverUrl) => ({
    title: 'Server toevoegen',
    message: `Een link wil ${serverUrl} openen, een server die je nog niet hebt toegevoegd. Toevoegen?`,
    detail: 'Voeg alleen servers toe die je vertrouwt. Daarna meld je je aan.',
    confirm: 'Server toevoegen',
  }),
  startDirect: (username) => ({
    title: 'Gesprek starten',
    message: `Een link wil een gesprek met ${username} starten. Starten?`,
    detail: 'Zo ontstaat op je server een direct gesprek met die persoon. Ga alleen verder als je deze link verwachtte.',
    confirm: 'Gesprek starten',
  }),
  cancel: 'Annuleren',
  otrAttention: (attention, user) =>
    ({
      request: `${user} wil een versleutelde chat starten.`,
      keyChanged: `De beveiligingssleutel van ${user} is veranderd.`,
      ended: `${user} heeft de versleutelde chat beëindigd.`,
      smp: `${user} wil je identiteit controleren.`,
    })[attention],
};

export function desktopWords(language: UiLanguage): DesktopWords {
  return language === 'nl' ? nl : en;
}
