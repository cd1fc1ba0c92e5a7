// `reelcut`: commander wiring. Each command is a thin shell over the modules; errors become one
// readable line and a documented exit code (stack traces only with --debug).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { EXIT_CODES, ReelcutError, invalidInput } from '../errors.js';
import { getFfmpeg, probeMedia } from '../media/index.js';
import { llmConfigFromEnv, planInstruction } from '../planner/index.js';
import { readTimeline, readTimelineFile } from './read-timeline.js';
import { runPlanLines, printPlan } from './plan-command.js';
import { formatReport, checkFile } from '../render/index.js';
import type { Timeline } from '../timeline/index.js';
import type { MediaInfo } from '../media/index.js';
import type { Operation } from '../operations/index.js';
import {
  FORMAT_ASPECT,
  type FormatFlag,
  applyAll,
  bindMusicFile,
  chooseFolderMusic,
  describeAll,
  exportTimeline,
  loadInputs,
  parseOperations,
  trackSummary,
  type ExportOutcome,
  type LoadedMedia,
} from './edit-job.js';
import { progressSink } from './progress.js';
import { runDemo } from '../demo/run-demo.js';
import { DEFAULT_HOST, DEFAULT_PORT, resolveServerOptions, serveUntilSignal } from '../server/index.js';

const FORMATS = Object.keys(FORMAT_ASPECT) as FormatFlag[];
const TARGETS = ['reels', 'story', 'feed', 'portrait', 'square', 'landscape'] as const;

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function printOutcome(outcome: ExportOutcome, json: boolean): void {
  if (json) {
    out(JSON.stringify({ output: outcome.render.outPath, cover: outcome.render.coverPath ?? null, subtitles: outcome.render.subtitles ?? null, wall_ms: outcome.render.wallMs, notes: outcome.render.notes, check: outcome.check }, null, 2));
    return;
  }
  for (const note of outcome.render.notes) out(`note: ${note}`);
  out(`Wrote ${outcome.render.outPath} in ${(outcome.render.wallMs / 1000).toFixed(1)} s`);
  if (outcome.render.coverPath) out(`Cover frame: ${outcome.render.coverPath}`);
  if (outcome.render.subtitles) out(`Subtitles: ${outcome.render.subtitles.srt}, ${outcome.render.subtitles.vtt}`);
  out('');
  out(formatReport(outcome.check));
}

/** Renders with a progress display, prints the result and the check, sets exit 1 if the check fails. */
async function exportAndReport(loaded: LoadedMedia, timeline: Timeline, output: string, json: boolean): Promise<void> {
  const sink = progressSink(process.stderr, 'Rendering');
  const outcome = await exportTimeline(loaded, timeline, output, (p) => sink.update(p));
  sink.done();
  printOutcome(outcome, json);
  if (!outcome.check.ok) process.exitCode = EXIT_CODES.CHECK_FAILED;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('reelcut')
    .description('Local-first video editor for Instagram creators: say what you want, get an Instagram-ready MP4.')
    .option('--debug', 'print stack traces on errors')
    .showHelpAfterError();

  program
    .command('edit')
    .description('edit clips by instruction and export an Instagram-ready MP4 (clips join in order)')
    .argument('<inputs...>', 'video/image files, then the instruction in quotes')
    .option('-o, --output <file>', 'output MP4 path (default: <first input>.reelcut.mp4)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS))
    .option('--music <file>', 'an audio file to use as the music')
    .option('--music-dir <dir>', 'your music folder: asked-for music (a title, "around 120 bpm", a mood) comes from it first (default: $REELCUT_MUSIC_DIR)')
    .option('--ops <file>', 'apply operations from a JSON file (one operation or an array) instead of, or after, the instruction')
    .option('--captions <file>', 'captions from an SRT or WebVTT file, at its own times')
    .option('--json', 'print the result as JSON')
    .action(async (args: string[], o: { output?: string; format?: FormatFlag; music?: string; musicDir?: string; ops?: string; captions?: string; json?: boolean }) => {
      const files = args.filter((a) => existsSync(a));
      const words = args.filter((a) => !existsSync(a));
      if (words.length > 1) {
        throw invalidInput(`Not found: ${words.slice(0, -1).join(', ')}. Give existing files, then one instruction in quotes.`);
      }
      if (!files.length) throw invalidInput('Give at least one video or image file to edit.');
      const instruction = words[0] ?? '';
      if (!instruction && !o.ops && !o.format && !o.music && !o.captions) {
        throw invalidInput('Say what to do, e.g. reelcut edit clip.mp4 "crop to square, add music and fade out" (or pass --ops ops.json).');
      }
      let loaded = await loadInputs(files, o.music ? { music: o.music } : {});
      let ops: Operation[] = [];
      if (instruction) {
        const plan = await planInstruction(instruction, { timeline: loaded.timeline, llm: llmConfigFromEnv() });
        const understood = plan.operations.length > 0 || plan.intent === 'export';
        if (!understood && !o.ops && !o.format && !o.music && !o.captions) throw invalidInput(plan.reply);
        if (plan.unknown.length || plan.needs.length || plan.notes.length || !understood) process.stderr.write(`${plan.reply}\n`);
        ops = plan.operations;
      }
      if (o.ops) ops = [...ops, ...parseOperations(JSON.parse(await readFile(o.ops, 'utf8')), o.ops)];
      if (o.format) ops = [...ops, { op: 'set_aspect', aspect: FORMAT_ASPECT[o.format] }];
      if (o.captions) {
        if (!existsSync(o.captions)) throw new ReelcutError('FILE_NOT_FOUND', `${o.captions} does not exist; give an SRT or WebVTT file.`);
        ops = [...ops, { op: 'add_captions', source: 'file', text: await readFile(o.captions, 'utf8') }];
      }
      const musicId = o.music ? loaded.timeline.media.at(-1)?.id : undefined;
      ops = bindMusicFile(ops, musicId);
      // A file given with --music is the music; the folder is only asked when words ask for music.
      const musicDir = o.music ? undefined : o.musicDir ?? (process.env.REELCUT_MUSIC_DIR || undefined);
      if (musicDir) {
        const folder = await chooseFolderMusic(loaded, ops, musicDir, instruction);
        ({ loaded, ops } = folder);
        for (const note of folder.notes) (o.json ? process.stderr : process.stdout).write(`${note}\n`);
      }
      const timeline = await applyAll(loaded, loaded.timeline, ops);
      if (!o.json) {
        for (const d of describeAll(ops)) out(`• ${d}`);
        out(trackSummary(timeline).text);
      }
      const output = o.output ?? `${basename(files[0]!, extname(files[0]!))}.reelcut.mp4`;
      await exportAndReport(loaded, timeline, output, Boolean(o.json));
    });

  program
    .command('render')
    .description('render a timeline JSON (reelcut timeline or compact draft) to MP4')
    .argument('<timeline>', 'timeline .json file; media paths in it are relative to the file')
    .requiredOption('-o, --output <file>', 'output MP4 path')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { output: string; json?: boolean }) => {
      const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
      const timeline = readTimeline(raw, file);
      const ff = await getFfmpeg();
      const infos = new Map<string, MediaInfo>();
      for (const item of timeline.media) {
        if (!item.path) throw invalidInput(`${file}: media ${item.id} (${item.name}) has no path.`);
        infos.set(item.id, await probeMedia(resolve(dirname(file), item.path), ff));
      }
      await exportAndReport({ ff, infos, timeline }, timeline, o.output, Boolean(o.json));
    });

  program
    .command('plan')
    .description('show what an instruction would do: intent, operations and reply (no media needed)')
    .argument('[message]', 'the instruction, in quotes')
    .option('--draft <file>', 'plan against this timeline or draft JSON, so "clip 2" and "the end" resolve')
    .option('--json', 'print {"intent","operations","reply"}')
    .option('--jsonl', 'read one message a line from standard input; print one JSON object a line, in order')
    .action(async (message: string | undefined, o: { draft?: string; json?: boolean; jsonl?: boolean }) => {
      const timeline = o.draft ? await readTimelineFile(o.draft) : undefined;
      const llm = llmConfigFromEnv();
      if (o.jsonl) {
        if (message !== undefined) throw invalidInput('--jsonl reads messages from standard input; give no message argument.');
        await runPlanLines(process.stdin, (line) => out(line), { ...(timeline ? { timeline } : {}), llm });
        return;
      }
      if (message === undefined || !message.trim()) throw invalidInput('Give a message in quotes, e.g. reelcut plan "crop to square and add lofi music" (or use --jsonl).');
      const plan = await planInstruction(message, { ...(timeline ? { timeline } : {}), llm });
      printPlan(plan, Boolean(o.json), (line) => out(line), timeline);
    });

  program
    .command('probe')
    .description('describe a media file as reelcut sees it (JSON)')
    .argument('<file>')
    .action(async (file: string) => {
      out(JSON.stringify(await probeMedia(resolve(file), await getFfmpeg()), null, 2));
    });

  program
    .command('check')
    .description("check a file against Instagram's specs; exit 1 on failure")
    .argument('<file>')
    .addOption(new Option('--target <target>', 'where it will be posted').choices([...TARGETS]).default('reels'))
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { target: (typeof TARGETS)[number]; json?: boolean }) => {
      if (!existsSync(file)) throw new ReelcutError('FILE_NOT_FOUND', `${file} does not exist.`);
      const ff = await getFfmpeg();
      const report = await checkFile(resolve(file), { target: o.target, ffmpeg: ff.ffmpeg, ffprobe: ff.ffprobe });
      out(o.json ? JSON.stringify(report, null, 2) : formatReport(report));
      if (!report.ok) process.exitCode = EXIT_CODES.CHECK_FAILED;
    });

  program
    .command('demo')
    .description("generate a 60 s phone-like sample and run the seed's example edit on it")
    .option('--dir <dir>', 'where to put the sample and the output', 'reelcut-demo')
    .option('--seconds <n>', 'length of the generated sample (3 to 180)', '60')
    .action(async (o: { dir: string; seconds: string }) => {
      const seconds = Number(o.seconds);
      if (!Number.isInteger(seconds) || seconds < 3 || seconds > 180) throw invalidInput(`--seconds must be a whole number from 3 to 180 (got ${o.seconds}).`);
      const outcome = await runDemo(o.dir, (line) => out(line), seconds);
      if (!outcome.check.ok) process.exitCode = EXIT_CODES.CHECK_FAILED;
    });

  program
    .command('serve')
    .description('run the local agent-protocol server (PROTOCOL.md) for agents, `reelcut chat` and the web app')
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option('--port <port>', 'port to listen on (0: any free port)', String(DEFAULT_PORT))
    .option('--data-dir <dir>', "where the database, media and renders live (default: the platform's user data folder, or REELCUT_DATA_DIR)")
    .option('--edit-cost <n>', 'credits one edit turn costs (default: 0 on loopback, 1 otherwise)')
    .option('--render-workers <n>', 'renders at once (default: one per 8 cores, at least 1)')
    .option('--strict-compat', 'answer 402 to exports without the X-Skill-* attribution headers')
    .option('--allow-private-urls', 'let URL uploads reach loopback and private networks')
    .option('--music-dir <dir>', 'your music folder: music asked for in chat (a title, "around 120 bpm", a mood) comes from it first (default: $REELCUT_MUSIC_DIR)')
    .option('--quiet', 'no request log on stderr')
    .action(
      async (o: { host: string; port: string; dataDir?: string; editCost?: string; renderWorkers?: string; strictCompat?: boolean; allowPrivateUrls?: boolean; musicDir?: string; quiet?: boolean }) => {
        const opts = resolveServerOptions({
          host: o.host,
          port: o.port,
          ...(o.dataDir ? { dataDir: resolve(o.dataDir) } : {}),
          ...(o.editCost !== undefined ? { editCost: o.editCost } : {}),
          ...(o.renderWorkers !== undefined ? { renderConcurrency: o.renderWorkers } : {}),
          strictCompat: Boolean(o.strictCompat),
          allowPrivateUrls: Boolean(o.allowPrivateUrls),
          ...(o.musicDir ? { musicDir: resolve(o.musicDir) } : {}),
          llm: llmConfigFromEnv(),
          logger: o.quiet ? false : true,
        });
        await serveUntilSignal(opts, (line) => process.stderr.write(`${line}\n`));
      },
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ReelcutError) {
      process.stderr.write(`reelcut: ${err.message}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      process.exitCode = EXIT_CODES[err.code];
    } else if (err instanceof SyntaxError) {
      process.stderr.write(`reelcut: could not read JSON: ${err.message}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      process.exitCode = EXIT_CODES.INVALID_INPUT;
    } else {
      const e = err as Error;
      process.stderr.write(`reelcut: unexpected error: ${e.message}${debug ? '' : ' (run with --debug for details)'}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      process.exitCode = EXIT_CODES.UNEXPECTED;
    }
  }
}
