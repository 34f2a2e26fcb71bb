// The personal access token's two fields, as Rocket.Chat's My Account → Personal Access Tokens shows them. Loaded
// when first asked for: few people sign in this way, and the sign-in screen's start-up budget is small.
import { useT } from '../../store/context.js';

interface Props {
  userId: string;
  token: string;
  setUserId: (value: string) => void;
  setToken: (value: string) => void;
}

export function TokenFields({ userId, token, setUserId, setToken }: Props) {
  const t = useT();
  return (
    <>
      <label>
        {t('login.tokenUserId')}
        <input required maxLength={128} value={userId} onChange={(e) => setUserId(e.target.value)} autoComplete="off" spellCheck={false} autoFocus />
      </label>
      <label>
        {t('login.token')}
        <input type="password" required maxLength={512} value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      </label>
    </>
  );
}
