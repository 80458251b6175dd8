/**
 * In-page links to the case's sections: on a phone the case is one long column, and the
 * status form would otherwise sit thousands of pixels below the title. A link scrolls to
 * its section and moves focus to the heading, without touching the address (no #fragment
 * in history).
 */
import type { MouseEvent } from 'react';

export interface JumpTarget {
  id: string;
  label: string;
}

export function CaseJumpLinks({ label, targets }: { label: string; targets: JumpTarget[] }) {
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const heading = document.getElementById(id);
    if (!heading) return;
    event.preventDefault();
    heading.setAttribute('tabindex', '-1');
    heading.scrollIntoView({ block: 'start' });
    heading.focus();
  };
  return (
    <nav className="case-jump no-print" aria-label={label} data-testid="case-jump">
      <ul>
        {targets.map((target) => (
          <li key={target.id}>
            <a href={`#${target.id}`} onClick={(event) => jump(event, target.id)}>
              {target.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
