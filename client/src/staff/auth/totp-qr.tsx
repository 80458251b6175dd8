/**
 * The authenticator's otpauth:// address as a QR code, drawn in this browser: the matrix comes
 * from qrcode-generator (bundled at build time, no request to anyone) and is drawn as one SVG
 * path, so the strict CSP (no inline style) holds. The secret never leaves the page.
 */
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** One "M h v h z" square per dark module, on a quiet zone of four modules. */
function qrPath(uri: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(uri, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  const parts: string[] = [];
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.isDark(row, col)) parts.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  return { size: count + quiet * 2, d: parts.join('') };
}

export function TotpQr({ uri, label }: { uri: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(uri), [uri]);
  return (
    <svg className="totp-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="totp-qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
