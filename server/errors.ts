/**
 * Expected failures, each with a stable id that clients and tests rely on.
 * Throw `AppError`s from factories below; anything else reaching the error handler is a
 * bug, answered with a 500 and logged once with an error id.
 */
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    /** safe, non-identifying details (a field path, a limit) */
    readonly details?: Record<string, string | number | boolean>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const make =
  (id: string, status: number, message: string) =>
  (details?: Record<string, string | number | boolean>) =>
    new AppError(id, status, message, details);

export const ValidationFailed = (field: string, message: string) =>
  new AppError('validation_failed', 400, `${field}: ${message}`, { field });
/** details.field names the value, details.reason says what is wrong (shared/crypto/envelope-check.ts) */
export const EnvelopeInvalid = (field: string, reason: string) =>
  new AppError('envelope_invalid', 400, `${field}: this is not a valid ciphertext (${reason}).`, { field, reason });
export const MalformedJson = make('malformed_json', 400, 'The request body is not valid JSON.');
export const PayloadTooLarge = make('payload_too_large', 413, 'The request body is larger than allowed.');
export const UnsupportedMediaType = make('unsupported_media_type', 415, 'The content type is not accepted here.');
export const BadEncoding = make('content_encoding_invalid', 400, 'The request body is not encoded as its Content-Encoding says.');
export const MalformedPath = make('malformed_path', 400, 'The request path is not validly percent-encoded.');
export const BadRequest = make('bad_request', 400, 'The request is malformed.');
export const HeadersTooLarge = make('headers_too_large', 431, 'The request headers are larger than allowed.');
export const NotFound = make('not_found', 404, 'Nothing is here.');
export const MethodNotAllowed = make('method_not_allowed', 405, 'This method is not allowed here.');
export const RateLimited = make('rate_limited', 429, 'Too many requests. Please wait and try again.');
export const Unauthenticated = make('unauthenticated', 401, 'Please sign in.');
export const Forbidden = make('forbidden', 403, 'You are not allowed to do this.');
export const NotReady = make('not_ready', 503, 'A dependency is not reachable.');
export const ServerBusy = make('busy', 503, 'The server is busy. Please try again in a moment.');

export const ChannelNotFound = make('channel_not_found', 404, 'This channel does not exist.');
export const ChannelUnavailable = make('channel_unavailable', 409, 'This channel has no active officer and cannot accept reports now.');
export const ReportNotFound = make('report_not_found', 404, 'No report matches.');
export const ReceiptInvalid = make('receipt_invalid', 401, 'This receipt code does not open any report.');
export const ProofOfWorkRequired = make('pow_required', 428, 'Too many wrong receipts were tried lately: solve the anti-abuse challenge and try again.');
export const ProofOfWorkInvalid = make('pow_invalid', 400, 'The anti-abuse challenge was not solved or has expired.');
export const AttachmentNotFound = make('attachment_not_found', 404, 'No such attachment upload.');
export const AttachmentIncomplete = make('attachment_incomplete', 409, 'An attachment has not finished uploading.');
export const Conflict = make('conflict', 409, 'The request conflicts with the current state.');

export const CategoryUnknown = make('category_unknown', 400, 'This category does not belong to the channel.');
/** details.reason says which recipient rule failed (stable strings, see docs/PROTOCOL.md) */
export const KeysInvalid = make('keys_invalid', 400, 'The wrapped keys do not match the channel’s recipients.');
export const IdentityNotAllowed = make('identity_not_allowed', 400, 'This channel does not accept a disclosed identity.');
export const ReceiptCollision = make('receipt_collision', 409, 'This receipt is already in use. Please start again with a new receipt.');
export const TooManyAttachments = make('too_many_attachments', 400, 'Too many attachments.');
export const AttachmentAttached = make('attachment_attached', 409, 'This attachment already belongs to a report or message.');
export const AttachmentTooLarge = make('attachment_too_large', 413, 'The attachment is larger than allowed.');
export const AttachmentPartsInvalid = make('attachment_parts_invalid', 400, 'The number of parts does not fit the attachment size.');
export const PartIndexInvalid = make('part_index_invalid', 400, 'This part index is outside the announced parts.');
export const PartTooLarge = make('part_too_large', 413, 'This part is larger than allowed.');
/** details.cipherChunkBytes: an upload is whole encrypted chunks, nothing else */
export const AttachmentSizeInvalid = make('attachment_size_invalid', 400, 'The attachment size is not a whole number of encrypted chunks.');
/** details.expectedBytes: every part's size follows from the announced size */
export const PartSizeInvalid = make('part_size_invalid', 400, 'This part does not have the size its place in the attachment requires.');
export const SessionInvalid = make('session_invalid', 401, 'This session is not valid. Please enter your receipt code again.');
export const SessionExpired = make('session_expired', 401, 'This session has expired. Please enter your receipt code again.');
export const MessageExists = make('message_exists', 409, 'A message with this id already exists.');
export const AttachmentComplete = make('attachment_complete', 409, 'This attachment has finished uploading and can no longer change.');
export const LengthRequired = make('length_required', 411, 'A Content-Length header is required.');
export const UploadAborted = make('upload_aborted', 400, 'The upload stopped before the whole part arrived.');
