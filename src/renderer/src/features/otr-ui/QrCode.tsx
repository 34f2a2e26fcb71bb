// A QR code of a fingerprint, drawn as SVG by the qrcode package and shown as a data: image (CSP allows data:).
import { toString as renderQr } from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode(props: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    renderQr(props.text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => {
        if (current) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (current) setSrc(null);
      },
    );
    return () => {
      current = false;
    };
  }, [props.text]);
  if (!src) return null;
  return <img className="qr" src={src} alt={props.alt} width={160} height={160} />;
}
