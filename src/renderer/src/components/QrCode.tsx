import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `text`, drawn as SVG in the page: no network, crisp at any size. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }).then((markup) => {
      if (!cancelled) setSvg(markup);
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (!svg) return null;
  // The markup comes from the QR library, not from the network or a user.
  return <div className="qr" role="img" aria-label={label} data-testid="station-qr" data-text={text} dangerouslySetInnerHTML={{ __html: svg }} />;
}
