/** Path parameters of the reporter's attachment download; the same shape as the upload's. */
export { partParams as reporterPartParams } from '../attachments/attachments.schema';
