// The agent's door: one chat turn as a stream of protocol events.
export { runTurn, type TurnDeps, type TurnInput, type TurnOutcome, type ExportUpdate } from './turn.js';
export { eventFactory, type AgentEvent, type Part } from './events.js';
export { SessionLocks } from './session-lock.js';
export { withBin } from './history-walk.js';
