/**
 * Expected failures of staff sign-in, administration and case work, each with a stable id
 * the staff client relies on. Kept beside the staff services rather than in server/errors.ts
 * so this area's ids read in one place; they are AppErrors like every other.
 */
import { AppError } from '../../errors';

type Details = Record<string, string | number | boolean>;
const make =
  (id: string, status: number, message: string) =>
  (details?: Details) =>
    new AppError(id, status, message, details);

/** Unknown account, wrong secret, wrong or replayed code: one answer, so none can be told apart. */
export const LoginFailed = make('login_failed', 401, 'The e-mail address, password or code is not correct.');
export const LoginLocked = make('login_locked', 429, 'Too many failed attempts. Please wait before trying again.');
export const LinkInvalid = make('link_invalid', 400, 'This link is not valid any more. Ask for a new one.');
export const SetupDone = make('setup_done', 409, 'This installation already has an administrator.');
export const CsrfRejected = make('csrf_rejected', 403, 'The request did not come from the Amana staff pages.');
/** details: expected (the origin to open Amana at), received (the page's origin, or 'none'), reason ('origin' | 'site') */
export const OriginNotAllowed = make('origin_not_allowed', 403, 'This page was opened at an address Amana does not know as its own. Open Amana at its address, or set PUBLIC_URL to the address you use.');
export const TotpInvalid = make('totp_invalid', 400, 'The code from the authenticator app is not correct.');
export const KdfTooWeak = make('kdf_too_weak', 400, 'The password derivation parameters are weaker than this installation requires.');
export const KeyBundleInvalid = make('key_bundle_invalid', 400, 'The encrypted private key does not match the sign-in data.');
export const StaffNotFound = make('staff_not_found', 404, 'No staff member matches.');
export const StaffExists = make('staff_exists', 409, 'A staff member with this e-mail address exists.');
export const LastAdministrator = make('last_administrator', 409, 'The installation would be left without an active administrator.');
export const StaffNotInvited = make('staff_not_invited', 409, 'This account is not waiting for activation.');
export const ChannelsUnknown = make('channel_unknown', 400, 'A channel in the list does not exist.');
export const StatusTransitionInvalid = make('status_transition_invalid', 409, 'The case cannot move to this status from its current one.');
export const CasePurged = make('case_purged', 409, 'This case has been purged by retention; nothing can be added.');
export const GranteeInvalid = make('grantee_invalid', 400, 'The recipient must be an active officer of the case’s channel.');
export const AlreadyGranted = make('already_granted', 409, 'This officer already holds these keys.');
export const NotesKeyRequired = make('notes_key_required', 403, 'Internal notes need the notes key of this case.');
export const IdentityNotDisclosed = make('identity_not_disclosed', 409, 'The reporter did not disclose an identity in this case.');
export const IdentityRequestPending = make('identity_request_pending', 409, 'An identity request of yours is already waiting for a custodian.');
export const IdentityAlreadyHeld = make('identity_already_held', 409, 'You already hold the identity key of this case.');
export const CustodiansInvalid = make('custodians_invalid', 400, 'The reason must be sealed to each custodian holding the identity key, and only to them.');
export const IdentityRequestNotFound = make('identity_request_not_found', 404, 'No identity request matches.');
export const IdentityRequestDecided = make('identity_request_decided', 409, 'This request has already been decided.');
export const OwnIdentityRequest = make('own_identity_request', 403, 'A custodian cannot decide on their own request.');
export const PasswordIncorrect = make('password_incorrect', 403, 'The current password is not correct.');
