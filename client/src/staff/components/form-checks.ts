/**
 * What the staff forms check before they send anything, so a form that does not submit
 * always says why: each empty or malformed field shows its own message (tied to it with
 * aria-describedby) and focus moves to the first one.
 */
import type { StaffMessageKey } from '../i18n/staff-i18n';

/** Deliberately loose: the server decides; this only catches an empty or obviously cut address. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(value: string): StaffMessageKey | null {
  if (value.trim() === '') return 'form.required';
  return EMAIL.test(value.trim()) ? null : 'form.email';
}

export function requiredProblem(value: string): StaffMessageKey | null {
  return value.trim() === '' ? 'form.required' : null;
}

/** After React has rendered the errors: the first invalid control of `form` takes focus. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
