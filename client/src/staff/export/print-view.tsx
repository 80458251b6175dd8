/**
 * The case laid out for paper: the print style sheet (staff.css, @media print) hides the
 * workspace around it and every button, so the browser's "Save as PDF" gives a clean file.
 */
import type { ReactNode } from 'react';
import { useStaffI18n } from '../i18n/staff-i18n';

export function PrintView({ title, children, onClose }: { title: string; children: ReactNode; onClose(): void }) {
  const { t, formatDate } = useStaffI18n();
  return (
    <article className="print-view" data-testid="print-view">
      <div className="form-actions no-print">
        <button type="button" className="button-primary" onClick={() => window.print()} data-testid="print-now">
          {t('export.printNow')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose} data-testid="print-close">
          {t('export.printClose')}
        </button>
      </div>
      <p className="notice no-print">{t('export.printHelp')}</p>
      <h1>{title}</h1>
      <p className="muted">{t('export.printedOn', { date: formatDate(new Date().toISOString(), true) })}</p>
      <p className="print-warning">{t('export.confidential')}</p>
      {children}
    </article>
  );
}
