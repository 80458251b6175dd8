/**
 * The GOV.UK error summary: at the top of the form, announced (role=alert) and focused when
 * the reporter asks to review, one link per answer that needs attention. A link moves focus
 * to its field (and scrolls it into view) without changing the address.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n';

export interface SummaryItem {
  /** id of the control to focus */
  targetId: string;
  /** the field's name, as its label shows it */
  label: string;
  /** what is wrong, as the field's own error says it */
  message: string;
}

export function ErrorSummary({ items, focusKey }: { items: SummaryItem[]; focusKey: number }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  // Each press of "Review" moves focus here again, even when the list did not change.
  useEffect(() => {
    if (focusKey > 0) box.current?.focus();
  }, [focusKey]);
  if (items.length === 0) return null;
  const jump = (event: MouseEvent<HTMLAnchorElement>, targetId: string) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus();
  };
  return (
    <div ref={box} className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-testid="form-notice">
      <h2 id="error-summary-title" className="error-summary-title">
        {t('report.fixErrors')}
      </h2>
      <ul className="error-summary-list">
        {items.map((item) => (
          <li key={item.targetId}>
            <a href={`#${item.targetId}`} onClick={(event) => jump(event, item.targetId)} data-testid="error-summary-link" data-target={item.targetId}>
              {item.label}: {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
