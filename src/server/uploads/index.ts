// Upload intake's only door: multipart bodies and URLs to temporary files, then admission as media.
export { receiveMultipart, type MultipartOptions } from './multipart.js';
export { fetchUrlToFile, type FetchUrlOptions } from './fetch-url.js';
export { admitFile, type AdmitOptions } from './admit.js';
export { isPrivateAddress } from './address.js';
export { isAcceptedMedia } from './accept.js';
export { formatBytes } from './limits.js';
export type { ReceivedFile } from './types.js';
