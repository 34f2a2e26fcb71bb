// The whole window: loading, sign-in, or the messenger (rooms, chat or settings, and OTR dialogs).
import { useEffect, useMemo } from 'react';
import type { Api } from '../../contract/api.js';
import { CertificateDialog } from './features/certificates/CertificateDialog.js';
import { ConnectionBanner } from './features/login/ConnectionBanner.js';
import { LoginScreen } from './features/login/LoginScreen.js';
import { ProblemBanner } from './ProblemBanner.js';
import { createAppStore, type AppStore } from './store/app-store.js';
import { AppProvider, useApp, useLanguage, useT } from './store/context.js';
import { lazyFeature } from './ui/lazy-feature.js';
import { LiveRegion } from './ui/LiveRegion.js';
import { warmDateFormats } from './ui/date-format.js';

// The sign-in screen is all a new user's first frame needs: the messenger's parts load once signed in, and
// Settings when first opened (docs/PERFORMANCE.md: the JavaScript fetched before sign-in).
const RoomList = lazyFeature(() => import('./features/rooms/RoomList.js').then((m) => m.RoomList));
const ChatView = lazyFeature(() => import('./features/chat/ChatView.js').then((m) => m.ChatView));
const OtrDialogs = lazyFeature(() => import('./features/otr-ui/OtrDialogs.js').then((m) => m.OtrDialogs));
const SettingsScreen = lazyFeature(() => import('./features/settings/SettingsScreen.js').then((m) => m.SettingsScreen));

export function App(props: { api: Api; store?: AppStore }) {
  const store = useMemo(() => props.store ?? createAppStore(props.api), [props.api, props.store]);
  useEffect(() => store.getState().start(), [store]);
  return (
    <AppProvider api={props.api} store={store}>
      <Window />
    </AppProvider>
  );
}

export function Window() {
  const t = useT();
  const language = useLanguage();
  const booted = useApp((s) => s.booted);
  const signedIn = useApp((s) => s.session.me !== undefined);
  const screen = useApp((s) => s.screen);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  useEffect(() => warmDateFormats(language), [language]);

  let body;
  if (!booted) {
    body = (
      <main className="splash" role="status">
        {t('app.loading')}
      </main>
    );
  } else if (!signedIn) {
    body = <LoginScreen />;
  } else {
    body = (
      <div className="shell">
        <RoomList />
        <div className="main-column">
          <ConnectionBanner />
          <ProblemBanner />
          {screen === 'settings' ? <SettingsScreen /> : <ChatView />}
        </div>
        <OtrDialogs />
      </div>
    );
  }
  return (
    <>
      {body}
      {!signedIn && booted && <ProblemBanner />}
      <CertificateDialog />
      <LiveRegion />
    </>
  );
}
