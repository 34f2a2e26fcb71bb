// Certificates the user chose to trust: one SHA-256 fingerprint per host (host:port), kept in the profile like the
// other settings (JSON, atomic, 0600) and shared by every account. A pin trusts that exact certificate only: a
// changed certificate on the same host is asked about again.
import { join } from 'node:path';
import { z } from 'zod';
import { PinnedCertificate, type CertificateInfo } from '../../contract/model.js';
import { JsonSettingsStore } from '../settings-store.js';

const PinFile = z.object({ pins: z.array(PinnedCertificate).max(1000) });
type PinFile = z.infer<typeof PinFile>;

export class CertificatePins {
  private constructor(private readonly store: JsonSettingsStore<PinFile>) {}

  static async open(profileDir: string): Promise<CertificatePins> {
    return new CertificatePins(await JsonSettingsStore.open(join(profileDir, 'certificates.json'), PinFile, { pins: [] }));
  }

  /** The fingerprint pinned for this host, if any. */
  fingerprintFor(host: string): string | undefined {
    return this.store.get().pins.find((pin) => pin.host === host)?.fingerprint;
  }

  list(): PinnedCertificate[] {
    return this.store.get().pins;
  }

  /** Trusts this certificate for its host, replacing an earlier pin of that host. */
  async pin(certificate: CertificateInfo, now = Date.now()): Promise<void> {
    const others = this.list().filter((pin) => pin.host !== certificate.host);
    await this.store.update({ pins: [...others, { ...certificate, pinnedAt: now }] });
  }

  async revoke(host: string): Promise<void> {
    await this.store.update({ pins: this.list().filter((pin) => pin.host !== host) });
  }
}
