/**
 * Deterministic NAS-like trees from the brands of brands.ts, laid out
 * brand/year/event/day with parts, plus NAS housekeeping (.DS_Store, @eaDir
 * thumbnails, Thumbs.db, #recycle, AppleDouble `._` files) and side-cars
 * (.srt, folder.jpg). Video files are 1–4 kB of pseudo-random bytes, each
 * with a unique header so that no two share a content hash. Same seed and
 * size → the same tree, byte for byte (modification times included).
 */
import {
  closeSync,
  ftruncateSync,
  futimesSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import * as path from 'node:path';
import { Random } from '../shared/random';
import { BRANDS, MISC, dayLabels } from './brands';

export interface GeneratedTree {
  /** The root folder (a NAS root). */
  root: string;
  /** Relative paths of the video files (the files a scan should inventory), in creation order. */
  videos: string[];
  /** Every regular file written, videos included (what `find -type f` lists). */
  files: number;
  /** Files a scan must leave alone: .DS_Store, Thumbs.db, @eaDir/…, ._*, #recycle/… */
  ignoredFiles: number;
  /** Non-video files the walk lists but filters by extension (.srt, folder.jpg). */
  sidecars: number;
  directories: number;
  /** Bytes written (what the tree costs on disk, give or take the blocks). */
  bytes: number;
  /** Apparent size of all files (larger than `bytes` with sparse videos). */
  apparentBytes: number;
  /** Video files per brand (`project` code, '' = unknown). */
  perBrand: Record<string, number>;
  generateMs: number;
}

const POOL_BYTES = 1 << 16;
const TAIL_BYTES = 4096;
const NOW_MINUS_2_DAYS = Date.now() - 2 * 86_400_000;

/** Splits `total` by weights into integers that add up to it (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

/**
 * Writes a tree of exactly `videoCount` video files (plus housekeeping and
 * side-cars) under `root`, which must not exist yet.
 */
export function generateTree(
  root: string,
  videoCount: number,
  seed: number,
  opts: { sparse?: boolean } = {},
): GeneratedTree {
  const started = performance.now();
  const rng = Random.mulberry32(seed * 1_000_003 + videoCount);
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  for (let i = 0; i < POOL_BYTES; i += 4) pool.writeUInt32LE(Math.floor(rng.next() * 4294967296), i);
  const tree: GeneratedTree = {
    root,
    videos: [],
    files: 0,
    ignoredFiles: 0,
    sidecars: 0,
    directories: 0,
    bytes: 0,
    apparentBytes: 0,
    perBrand: {},
    generateMs: 0,
  };
  const dirs = new Set<string>();
  const synologyDirs = new Set<string>();
  const used = new Set<string>();
  let fileNo = 0;

  const bytesOf = (size: number, label: string): Buffer => {
    const buf = Buffer.allocUnsafe(size);
    const header = Buffer.from(`pokervod-bench seed=${seed} file=${fileNo++} ${label}\n`);
    const h = header.copy(buf, 0, 0, Math.min(header.length, size));
    if (size > h) {
      const off = Math.floor(rng.next() * (POOL_BYTES - (size - h)));
      pool.copy(buf, h, off, off + size - h);
    }
    return buf;
  };
  /** `size` bytes; with `apparent`, a sparse file of that size: `size` bytes at the start, 4 kB at the end, a hole between. */
  const write = (rel: string, size: number, mtimeMs: number, apparent = size): void => {
    const fd = openSync(path.join(root, rel), 'wx');
    try {
      writeSync(fd, bytesOf(size, rel));
      if (apparent > size + TAIL_BYTES) {
        ftruncateSync(fd, apparent);
        writeSync(fd, bytesOf(TAIL_BYTES, `${rel} tail`), 0, TAIL_BYTES, apparent - TAIL_BYTES);
        tree.bytes += TAIL_BYTES;
      }
      futimesSync(fd, mtimeMs / 1000, mtimeMs / 1000);
    } finally {
      closeSync(fd);
    }
    tree.files++;
    tree.bytes += size;
    tree.apparentBytes += Math.max(apparent, size);
  };
  const small = (rel: string, mtimeMs: number): void => write(rel, rng.int(0, 512), mtimeMs);

  const ensureDir = (dir: string, mtimeMs: number): void => {
    if (dirs.has(dir)) return;
    const parent = path.posix.dirname(dir);
    if (parent !== '.') ensureDir(parent, mtimeMs);
    mkdirSync(path.join(root, dir));
    dirs.add(dir);
    tree.directories++;
    // Housekeeping a NAS and its clients leave in folders.
    if (rng.next() < 0.3) {
      small(`${dir}/.DS_Store`, mtimeMs);
      tree.ignoredFiles++;
    }
    if (rng.next() < 0.06) {
      small(`${dir}/Thumbs.db`, mtimeMs);
      tree.ignoredFiles++;
    }
    if (rng.next() < 0.12) {
      synologyDirs.add(dir);
      mkdirSync(path.join(root, dir, '@eaDir'));
      tree.directories++;
    }
    if (rng.next() < 0.08) {
      small(`${dir}/folder.jpg`, mtimeMs);
      tree.sidecars++;
    }
  };

  const addVideo = (brand: string, dir: string, name: string, mtimeMs: number): void => {
    let rel = `${dir}/${name}`;
    for (let k = 2; used.has(rel.toLowerCase()); k++) rel = `${dir}/${name.replace(/(\.[^.]+)$/, ` (${k})$1`)}`;
    used.add(rel.toLowerCase());
    ensureDir(dir, mtimeMs);
    // Sparse: 0.5–8 GB like real recordings, so the content hash reads both full windows.
    const apparent = opts.sparse ? rng.int(512, 8192) * 1024 * 1024 : 0;
    write(rel, rng.int(1024, 4096), mtimeMs, apparent);
    tree.videos.push(rel);
    tree.perBrand[brand] = (tree.perBrand[brand] ?? 0) + 1;
    const stem = path.posix.basename(rel);
    if (synologyDirs.has(dir) && rng.next() < 0.5) {
      mkdirSync(path.join(root, dir, '@eaDir', stem));
      tree.directories++;
      small(`${dir}/@eaDir/${stem}/SYNOFILE_THUMB_M.jpg`, mtimeMs);
      small(`${dir}/@eaDir/${stem}@SynoEAStream`, mtimeMs);
      tree.ignoredFiles += 2;
    }
    if (rng.next() < 0.03) {
      small(`${dir}/._${stem}`, mtimeMs);
      tree.ignoredFiles++;
    }
    if (rng.next() < 0.04) {
      small(`${dir}/${stem.replace(/\.[^.]+$/, '')}.srt`, mtimeMs);
      tree.sidecars++;
    }
  };

  mkdirSync(root);
  const brands = [...BRANDS, MISC];
  const quotas = apportion(
    videoCount,
    brands.map((b) => b.weight),
  );
  brands.forEach((brand, b) => {
    const quota = quotas[b]!;
    if (quota === 0) return;
    // Shape: ~450 files a year (back to the brand's first year at most); events × days × parts fill a year.
    const years = Math.min(2025 - brand.since + 1, Math.max(1, Math.round(quota / 450)));
    const perYear = Math.ceil(quota / years);
    const avgDays = (brand.days[0] + brand.days[1]) / 2;
    const events = Math.max(1, Math.round(Math.sqrt(perYear / avgDays)));
    const parts = Math.max(1, Math.round(perYear / (events * avgDays)));
    let made = 0;
    for (let y = 0; made < quota; y++) {
      const year = 2025 - years + 1 + (y % years);
      let seq = 0;
      let inYear = 0;
      for (let n = 1; inYear < perYear && made < quota; n++) {
        const ev = brand.event(rng, year, n);
        const days = rng.int(brand.days[0], brand.days[1]);
        const labels = dayLabels(days, rng.next() < 0.5);
        for (let d = 0; d < days && inYear < perYear && made < quota; d++, seq++) {
          const p = Math.max(1, parts + rng.int(-1, 1));
          const when = Math.min(
            NOW_MINUS_2_DAYS,
            Date.UTC(year, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59)),
          );
          for (let part = 1; part <= p && inYear < perYear && made < quota; part++, inYear++, made++) {
            const { dir, name } = brand.file({ ev, dayIndex: d, days, day: labels[d]!, part, seq });
            addVideo(brand.code, dir, name, when + part * 3_600_000);
          }
        }
      }
    }
  });
  // A recycle bin with videos in it: a scan must not see them.
  const old = Date.UTC(2020, 5, 1);
  mkdirSync(path.join(root, '#recycle/WSOP/2019'), { recursive: true });
  tree.directories += 3;
  for (let i = 1; i <= 5; i++) {
    write(`#recycle/WSOP/2019/WSOP_2019_Main_Event_Day1A_Part${i}.mp4`, rng.int(1024, 4096), old);
    tree.ignoredFiles++;
  }
  tree.generateMs = performance.now() - started;
  return tree;
}

export interface ChurnResult {
  /** Renamed in place or moved to another folder: same inode, size and mtime. */
  moved: number;
  /** Modification time changed, content not. */
  touched: number;
  /** Modification time changed and 16 bytes appended. */
  grown: number;
}

/**
 * Moves `pct` % of the videos (half renamed in place, half moved into another
 * video's folder) and touches another `pct` % (a new modification time, one
 * hour later; every other one of those also grows by 16 bytes). Updates
 * `tree.videos`. Modification times stay in the past, so every file stays
 * stable (NAS_STABLE_SECONDS).
 */
export function churn(tree: GeneratedTree, pct: number, seed: number): ChurnResult {
  const rng = Random.mulberry32(seed * 7_919 + tree.videos.length);
  const n = tree.videos.length;
  const k = Math.min(Math.floor(n / 2), Math.round((n * pct) / 100));
  // Partial Fisher–Yates: 2k distinct indices.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < 2 * k; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const result: ChurnResult = { moved: 0, touched: 0, grown: 0 };
  const exists = new Set(tree.videos.map((v) => v.toLowerCase()));
  for (let i = 0; i < k; i++) {
    const idx = order[i]!;
    const from = tree.videos[idx]!;
    const dir = path.posix.dirname(from);
    const name = path.posix.basename(from);
    let to =
      i % 2 === 0
        ? `${dir}/${name.replace(/(\.[^.]+)$/, '_renamed$1')}`
        : `${path.posix.dirname(tree.videos[order[k + ((i * 7) % k)]!]!)}/${name}`;
    while (exists.has(to.toLowerCase())) to = to.replace(/(\.[^.]+)$/, '_moved$1');
    renameSync(path.join(tree.root, from), path.join(tree.root, to));
    exists.delete(from.toLowerCase());
    exists.add(to.toLowerCase());
    tree.videos[idx] = to;
    result.moved++;
  }
  for (let i = k; i < 2 * k; i++) {
    const abs = path.join(tree.root, tree.videos[order[i]!]!);
    const st = statSync(abs);
    const mtime = (st.mtimeMs + 3_600_000) / 1000;
    if (i % 2 === 1) {
      const fd = openSync(abs, 'a');
      try {
        writeSync(fd, Buffer.from('appended-16bytes'));
      } finally {
        closeSync(fd);
      }
      result.grown++;
    } else result.touched++;
    utimesSync(abs, st.atimeMs / 1000, mtime);
  }
  return result;
}
