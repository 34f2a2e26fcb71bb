// @vitest-environment jsdom
// An untrusted server certificate: the dialog shows the host, the SHA-256 fingerprint and the issuer main sent,
// says so differently when a trusted certificate changed, pins on Trust; Settings lists the pins and revokes them.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateProblem } from '../../src/contract/model.js';
import { CertificateDialog } from '../../src/renderer/src/features/certificates/CertificateDialog.js';
import { TrustedCertificates } from '../../src/renderer/src/features/certificates/TrustedCertificates.js';
import { defaultSettings } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

const FP = Array.from({ length: 32 }, (_, i) => (i * 7 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':');
const problem: CertificateProblem = { host: 'chat.example.org', fingerprint: FP, issuer: 'Example Corp Root CA', changed: false };

describe('the certificate dialog', () => {
  it('shows host, fingerprint and issuer; Trust pins exactly that certificate', async () => {
    const { fake } = renderWithStore(<CertificateDialog />);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => fake.emit('net.certificateUntrusted', problem));
    const dialog = screen.getByRole('alertdialog', { name: 'Trust this certificate?' });
    expect(dialog.textContent).toContain('chat.example.org presents a certificate that this computer does not trust.');
    expect(dialog.textContent).toContain(FP);
    expect(dialog.textContent).toContain('Example Corp Root CA');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trust' }));
    expect(fake.calls['net.trustCertificate']).toHaveBeenCalledWith({ host: 'chat.example.org', fingerprint: FP, issuer: 'Example Corp Root CA' });
    await act(async () => undefined);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('says the certificate changed, in Dutch too; Cancel trusts nothing and the same certificate is not asked again', () => {
    const { fake } = renderWithStore(<CertificateDialog />, { settings: { ...defaultSettings, language: 'nl' } });
    act(() => fake.emit('net.certificateUntrusted', { ...problem, changed: true }));
    const dialog = screen.getByRole('alertdialog', { name: 'Het certificaat van de server is veranderd' });
    expect(dialog.textContent).toContain('toont een ander certificaat dan het certificaat dat je vertrouwde');
    expect(within(dialog).getByRole('button', { name: 'Vertrouwen' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuleren' }));
    expect(fake.calls['net.trustCertificate']).not.toHaveBeenCalled();
    act(() => fake.emit('net.certificateUntrusted', { ...problem, changed: true }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => fake.emit('net.certificateUntrusted', { ...problem, fingerprint: FP.replace(/^../, 'FF') }));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });

  it('asks again at every sign-in attempt, even after Cancel', () => {
    const { fake } = renderWithStore(<CertificateDialog />, { session: { connection: { kind: 'signed-out' } } });
    act(() => fake.emit('net.certificateUntrusted', problem));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    act(() => fake.emit('net.certificateUntrusted', problem));
    expect(screen.getByRole('alertdialog', { name: 'Trust this certificate?' })).toBeTruthy();
  });
});

describe('trusted certificates in Settings', () => {
  it('lists the pins and revokes one', async () => {
    const fake = renderWithStore(<TrustedCertificates />).fake;
    expect(await screen.findByText('You have not trusted any certificate by hand.')).toBeTruthy();
    cleanup();
    fake.respond('net.pinnedCertificates', [{ host: 'chat.example.org', fingerprint: FP, issuer: 'Example Corp Root CA', pinnedAt: 1 }]);
    renderWithStore(<TrustedCertificates />, {}, fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke the certificate of chat.example.org' }));
    expect(fake.calls['net.forgetCertificate']).toHaveBeenCalledWith('chat.example.org');
  });
});
