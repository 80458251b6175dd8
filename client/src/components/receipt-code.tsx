/**
 * A receipt code shown in five groups of four ASCII digits, left to right and isolated
 * from the surrounding text, so an Arabic page cannot reorder the groups.
 */
import { formatReceipt } from '../../../shared/crypto/index';

export function ReceiptCode({ digits, testId = 'receipt-code' }: { digits: string; testId?: string }) {
  return (
    <bdi dir="ltr" className="receipt-code" translate="no" data-testid={testId}>
      {formatReceipt(digits)}
    </bdi>
  );
}
