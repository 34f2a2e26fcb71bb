// Find a person and open (or create) the direct message with them.
import { useEffect, useId, useState } from 'react';
import type { User } from '../../../../contract/model.js';
import { useApi, useApp, useT } from '../../store/context.js';
import { PresenceLabel } from './PresenceLabel.js';

/** Waits for a pause in typing before asking the server. */
const SEARCH_DELAY_MS = 250;

export function PeopleSearch() {
  const t = useT();
  const api = useApi();
  const startDirect = useApp((s) => s.startDirect);
  const me = useApp((s) => s.session.me?.id);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<User[] | null>(null);
  const resultsId = useId();

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      setResults(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void api.users.search(text).then((result) => {
        if (current) setResults(result.ok ? result.value.filter((u) => u.id !== me) : []);
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, me, query]);

  const choose = (user: User) => {
    setQuery('');
    setResults(null);
    void startDirect(user.username);
  };

  return (
    <div className="people-search" role="search">
      <label className="visually-hidden" htmlFor={`${resultsId}-input`}>
        {t('rooms.search')}
      </label>
      <input
        id={`${resultsId}-input`}
        type="search"
        value={query}
        placeholder={t('rooms.searchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
        }}
        aria-controls={results ? resultsId : undefined}
      />
      {results && (
        <div id={resultsId} className="search-results" aria-label={t('rooms.searchResults')} role="region">
          {results.length === 0 ? (
            <p className="hint" role="status">
              {t('rooms.noResults')}
            </p>
          ) : (
            <ul>
              {results.map((user) => (
                <li key={user.id}>
                  <button
                    type="button"
                    className="room-button"
                    aria-label={t('rooms.startWith', { user: user.username })}
                    onClick={() => choose(user)}
                  >
                    <span className="room-name">{user.name ?? user.username}</span>
                    <span className="room-meta">
                      @{user.username} <PresenceLabel presence={user.presence} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
