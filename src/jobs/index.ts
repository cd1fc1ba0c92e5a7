// The jobs module's door: the local render queue, and the job types it works on.
export { createRenderQueue, type RenderQueue, type RenderQueueOptions, type QueueLog } from './render-queue.js';
export type { JobRepo, JobStatus, NewJob, RenderJob } from '../store/jobs.js';
