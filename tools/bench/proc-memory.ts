import * as fs from "fs";

/** One process seen while sampling: its command line and the highest VmHWM (peak RSS) read for it. */
export interface ProcessPeak {
    pid: number;
    command: string;
    peakKb: number;
}

export interface TreeMemory {
    /** Per process of the tree (every descendant of the root, the root included). */
    processes: ProcessPeak[];
    /** The largest sum of VmRSS over the whole tree at one sample (processes alive together). */
    treePeakKb: number;
    samples: number;
}

/** True when this kernel exposes /proc (Linux): the sampler is a no-op elsewhere. */
export function procAvailable(): boolean {
    return fs.existsSync("/proc/self/status");
}

function readText(file: string): string | undefined {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined; // the process exited between listing and reading
    }
}

function parentOf(pid: number): number | undefined {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) {
        return undefined;
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
}

function statusKb(status: string, key: "VmHWM" | "VmRSS"): number {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status);
    return m ? Number(m[1]) : 0;
}

function descendants(root: number): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        const pid = Number(entry);
        const ppid = parentOf(pid);
        if (ppid !== undefined) {
            children.set(ppid, [...(children.get(ppid) ?? []), pid]);
        }
    }
    const out: number[] = [];
    const queue = [root];
    while (queue.length > 0) {
        const pid = queue.shift() as number;
        out.push(pid);
        queue.push(...(children.get(pid) ?? []));
    }
    return out;
}

/**
 * Samples the memory of a process tree every `intervalMs` until stopped. VmHWM is the kernel's own
 * high-water mark per process, so a sample taken any time before a process exits already holds its
 * peak; only growth in the last interval of a process's life can be missed (hence /usr/bin/time as
 * the exact figure when present — see measure-plan.ts).
 */
export function sampleTreeMemory(root: number, intervalMs = 50): { stop: () => TreeMemory } {
    const peaks = new Map<number, ProcessPeak>();
    let treePeakKb = 0;
    let samples = 0;
    const sample = (): void => {
        if (!procAvailable()) {
            return;
        }
        let total = 0;
        for (const pid of descendants(root)) {
            const status = readText(`/proc/${pid}/status`);
            if (!status) {
                continue;
            }
            total += statusKb(status, "VmRSS");
            const hwm = statusKb(status, "VmHWM");
            const known = peaks.get(pid);
            if (known) {
                known.peakKb = Math.max(known.peakKb, hwm);
            } else {
                const command = (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean).join(" ");
                peaks.set(pid, { pid, command, peakKb: hwm });
            }
        }
        treePeakKb = Math.max(treePeakKb, total);
        samples++;
    };
    sample();
    const timer = setInterval(sample, intervalMs);
    return {
        stop: () => {
            clearInterval(timer);
            return { processes: [...peaks.values()], treePeakKb, samples };
        },
    };
}

/** "Maximum resident set size (kbytes): N" from GNU time -v output, in kB. */
export function parseGnuTimeMaxRss(stderr: string): number | undefined {
    const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
    return m ? Number(m[1]) : undefined;
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (clock ticks of
 * 10 ms); undefined without /proc. CPU time is what a figure costs whatever else loads the machine.
 */
export function processCpuMs(pid: number): number | undefined {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) {
        return undefined;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after "(comm)": state is index 0, utime index 11, stime index 12 (proc(5)).
    return (Number(fields[11]) + Number(fields[12])) * 10;
}
