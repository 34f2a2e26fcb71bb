// @vitest-environment jsdom
// A key or trust problem found at sign-in reaches the user once, as a banner that says what happened and what to do.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProblemBanner } from '../../src/renderer/src/ProblemBanner.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

describe('OTR problems told by main', () => {
  it.each([
    ['otr-key-unreadable', /encryption key for this account cannot be read.*ordinary messages still work.*otr-identity/],
    ['otr-trust-damaged', /list of keys you trust could not be read.*kept aside, not overwritten/],
  ] as const)('%s shows as a banner in words', (code, words) => {
    const { store, fake } = renderWithStore(<ProblemBanner />);
    const stop = store.getState().start();
    act(() => fake.emit('otr.problem', { code }));
    expect(screen.getByRole('alert').textContent).toMatch(words);
    stop();
  });

  it('is asked for at start, for a window that opened after it was told', async () => {
    const { store, fake } = renderWithStore(<ProblemBanner />);
    fake.respond('otr.problems', [{ code: 'otr-key-unreadable' }]);
    const stop = store.getState().start();
    expect((await screen.findByRole('alert')).textContent).toMatch(/encryption key for this account cannot be read/);
    stop();
  });
});
