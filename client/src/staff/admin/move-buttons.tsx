/** Up and down buttons for a list item: reordering by keyboard and screen reader, not drag only. */
import { useStaffI18n } from '../i18n/staff-i18n';

interface Props {
  index: number;
  count: number;
  /** what is moved, for the buttons' accessible names */
  name: string;
  onMove(by: -1 | 1): void;
  testId: string;
  disabled?: boolean;
}

export function MoveButtons({ index, count, name, onMove, testId, disabled }: Props) {
  const { t } = useStaffI18n();
  return (
    <span className="move-buttons">
      <button type="button" className="button-small" disabled={disabled || index === 0} onClick={() => onMove(-1)} aria-label={t('adm.moveUp', { name })} data-testid={`${testId}-up`}>
        ↑
      </button>
      <button type="button" className="button-small" disabled={disabled || index === count - 1} onClick={() => onMove(1)} aria-label={t('adm.moveDown', { name })} data-testid={`${testId}-down`}>
        ↓
      </button>
    </span>
  );
}
