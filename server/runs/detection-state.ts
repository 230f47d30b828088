/**
 * Detection state kept between runs
 * =================================
 *
 * What an incremental run starts from: the previous run's compact input (with each application's Neo4j
 * internal id and the interning maps), its memo (clusters per component, decisions per identifier), the
 * options it ran with, and from when the next run must re-read applications. Kept in this process's
 * memory and, when a directory is configured (DETECT_STATE_DIR), in one file written with v8's
 * serializer once the run is visible so that another process (`npm run detect -- --incremental`, `npm run ingest -- --detect`)
 * can continue from it. A state is handed out once (`take`) and only a run's successful detection puts a
 * new one: a failed run leaves none, and the next run is a full one.
 */
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";

import type { DetectionMemo } from "../detect/detect.js";
import type { InputIndexes } from "../detect/input-builder.js";
import type { DetectionInput } from "../detect/input.js";

/** Bumped when the shape below changes: an older file is ignored. */
const FORMAT = 1;

export interface DetectionState {
  /** The run whose detection this is: usable only while it is the latest finished run. */
  runId: string;
  /** The detection options it ran with (JSON): a run with other options starts from scratch. */
  optionsKey: string;
  /** ISO date-time: applications ingested at or after it are re-read by the next incremental run. */
  since: string;
  input: DetectionInput;
  nodeIds: Float64Array;
  indexes: InputIndexes;
  memo: DetectionMemo;
}

export class DetectionStateStore {
  private current: DetectionState | null = null;
  private unsaved: DetectionState | null = null;
  private writing: Promise<void> = Promise.resolve();

  /**
   * `file`: where the state is kept across processes; null keeps it in memory only. `marginSeconds`:
   * applications ingested this long before a run's read are re-read by the next incremental run, since
   * an ingest transaction stamps `ingested_at` when it starts and may commit after that read began
   * (Neo4j reads committed data). Tests that ingest and detect one after the other may pass 0.
   */
  constructor(
    private readonly file: string | null,
    readonly marginSeconds = 60,
  ) {}

  /** The state of run `runId` with these options, removed from the store; null when there is none. */
  async take(runId: string, optionsKey: string): Promise<DetectionState | null> {
    await this.writing;
    const usable = (s: DetectionState | null) => (s && s.runId === runId && s.optionsKey === optionsKey ? s : null);
    const held = usable(this.current);
    this.current = null;
    if (held || !this.file || !fs.existsSync(this.file)) return held;
    // Another process may have run since this one kept its state: the file holds the newest.
    let saved: DetectionState | null;
    try {
      const data = v8.deserialize(await fs.promises.readFile(this.file)) as { format: number; state: DetectionState };
      saved = data.format === FORMAT ? data.state : null;
    } catch {
      saved = null; // unreadable or from another version: a full run rebuilds it
    }
    return usable(saved);
  }

  /** Keeps `state` for the next run in memory; `save` writes it to the file. */
  put(state: DetectionState): void {
    this.current = state;
    this.unsaved = state;
  }

  /**
   * Writes the state last put to the file, in the background (awaitable). A run calls it once it is
   * visible: serialising a large input takes a second or more of this thread, which readers need not wait for.
   */
  save(): Promise<void> {
    const state = this.unsaved;
    const file = this.file;
    this.unsaved = null;
    if (!state || !file) return this.writing;
    this.writing = this.writing
      .then(async () => {
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await fs.promises.writeFile(tmp, v8.serialize({ format: FORMAT, state }));
        await fs.promises.rename(tmp, file);
      })
      .catch(() => undefined); // a state that could not be written only costs the next run its speed
    return this.writing;
  }

  /** Writes the state last put, if not yet written, and resolves when it is (a CLI waits for it before exiting). */
  async flush(): Promise<void> {
    await this.save();
  }
}
