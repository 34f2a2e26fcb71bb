// A QR code of a fingerprint, drawn as SVG by the qrcode package and shown as a data: image (CSP allows data:).
// The package is imported when a code is first drawn: it is a chunk of its own, not part of the first screen.
import { useEffect, useState } from 'react';

export function QrCode(props: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    import('qrcode').then(({ toString: renderQr }) => renderQr(props.text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).then(
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
  // 112 px: beside the fingerprint it belongs to, small enough that Verify fits a 1024×700 window, and still
  // about 3.6 px per module for a phone's camera.
  return <img className="qr" src={src} alt={props.alt} width={112} height={112} />;
}
