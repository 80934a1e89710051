package org.miniascape.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.miniascape.MiniascapeException;

/**
 * The output of one build, written into a directory beside the work directory and swapped in only when
 * everything was written: a failed or interrupted build leaves the previous work directory as it was. That
 * directory is a new one, or the tree the work directory held before the previous build (see {@link Staging}):
 * the tree a swap replaces is kept for the next build that way. A build whose every file is the same as in
 * the work directory leaves it untouched (see {@link PreviousOutput}).
 * Use with try-with-resources; {@link #commit()} swaps, closing without commit removes the staging directory.
 * <p>
 * Files are written in order on a thread of their own, so that rendering (CPU) and creating files (kernel
 * time: a 10,000-guest site is 50,000 files and 20,000 directories, and creating each took 70-200 us here)
 * overlap on two cores. A failed write is reported by a later {@link #write}, by {@link #reserve} or by
 * {@link #commit()}, which all wait for the writes before them. Several threads may write at once (a large
 * site renders its guests on several); commit and close come after they are done.
 */
public final class OutputTree implements AutoCloseable {
    private final Path target;
    private final boolean keepSpare;
    private final Staging stagingArea;
    private final Path staging;
    private final List<String> forced;
    /** The work directory is a directory that is not an output (forced): the tree it holds is deleted. */
    private final boolean replacesForeign;
    private static final FileAttribute<Set<PosixFilePermission>> REGULAR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

    /** Not a sorted set: comparing long, similar paths was 2 % of a 10,000-guest build. */
    private final Set<String> written = new HashSet<>();
    private boolean committed;

    /** A file to write; {@link #END} stops the writer. */
    private record Pending(Path file, String relativePath, String content, boolean executable) {
    }

    /** A file found the same as the previous output's, whose placing waits (see {@link #unchangedSoFar}). */
    private record Same(Path file, String relativePath, boolean executable, Object previousInode) {
    }

    private static final Pending END = new Pending(null, null, null, false);
    /** Bounded: rendering may run ahead of the disk by this many files, not by the whole site. */
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(1024);
    private Thread writer;
    private volatile MiniascapeException failure;
    private volatile Error writerError;

    /** The work directory's previous content, whose unchanged files are kept; null when there was none. */
    private final PreviousOutput previous;
    /**
     * While true, every file so far is the same as in the previous output and none was created: they wait in
     * {@link #sameFiles}. The writer thread uses both, or the caller once the writer has stopped.
     */
    private boolean unchangedSoFar;
    private final List<Same> sameFiles = new ArrayList<>();
    private boolean unchanged;

    /**
     * An output that replaces {@code workdir} whole and deletes the tree it replaces: for outputs of large
     * files (bundles, converted disk images), where a second tree kept beside would double the disk used.
     */
    public OutputTree(Path workdir) {
        this(workdir, false, false);
    }

    /** As {@link #OutputTree(Path)}; {@code force}: an existing directory that is not an output is replaced too. */
    public OutputTree(Path workdir, boolean force) {
        this(workdir, false, force);
    }

    /**
     * An output rebuilt again and again ({@code build}): the tree a swap replaces is kept as the spare, the
     * next build writes into it (see {@link Staging}).
     */
    public static OutputTree keepingSpare(Path workdir) {
        return new OutputTree(workdir, true, false);
    }

    /** As {@link #keepingSpare(Path)}; {@code force}: a WORKDIR or spare that is not an output is replaced too. */
    public static OutputTree keepingSpare(Path workdir, boolean force) {
        return new OutputTree(workdir, true, force);
    }

    /**
     * Refuses (exit 2) an output directory that must not be replaced: see {@link #OutputTree(Path, boolean)}.
     * For callers with work to do before they write (converting an image): they check first, then write.
     */
    public static void check(Path workdir, boolean force) {
        OutputMarker.check(workdir.toAbsolutePath().normalize(), null, force);
    }

    /**
     * Every output holds this file (written first, the same text always): a non-empty directory without it is
     * not replaced unless forced. Checked before anything is written or moved; a path without a parent, a
     * regular file or a symbolic link is never replaced.
     */
    public static final String MARKER = OutputMarker.NAME;

    private OutputTree(Path workdir, boolean keepSpare, boolean force) {
        this.target = workdir.toAbsolutePath().normalize();
        this.keepSpare = keepSpare;
        OutputMarker.Verdict verdict = OutputMarker.check(target, keepSpare ? Staging.spareOf(target) : null, force);
        this.forced = verdict.removed();
        this.replacesForeign = verdict.foreignTarget();
        try {
            Files.createDirectories(target.getParent());
            this.stagingArea = Staging.open(target, keepSpare);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot create a staging directory beside " + target + ": "
                    + e.getMessage(), e);
        }
        this.staging = stagingArea.root();
        this.previous = PreviousOutput.of(target, stagingArea.identity());
        this.unchangedSoFar = previous != null;
        write(MARKER, OutputMarker.CONTENT);
    }

    /**
     * What this output removes because it was forced to (a directory that was not an output), one line each for
     * the user; empty when it replaces only outputs.
     */
    public List<String> forced() {
        return forced;
    }

    /** Writes a text file (UTF-8) at a relative path such as {@code networks/net-1.xml}. */
    public void write(String relativePath, String content) {
        write(relativePath, content, false);
    }

    /**
     * Writes a text file created with mode 0755 (scripts) or 0644, less the umask, in one open(2): a large
     * site writes tens of thousands of files, so no separate chmod and no directory check per file.
     */
    public synchronized void write(String relativePath, String content, boolean executable) {
        Path file = resolve(relativePath);
        throwFailure();
        if (writer == null) {
            writer = new Thread(this::writeQueued, "miniascape-writer");
            writer.setDaemon(true);
            writer.start();
        }
        enqueue(new Pending(file, relativePath, content, executable));
    }

    private void writeQueued() {
        while (true) {
            Pending p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                failure = MiniascapeException.failed("writing the output was interrupted", e);
                return;
            }
            if (p == END) {
                return;
            }
            if (failure == null) { // after a failure, only drain: the build fails, the staging directory goes
                try {
                    writeNow(p);
                } catch (IOException | RuntimeException e) {
                    failure = MiniascapeException.failed("cannot write " + p.relativePath() + ": " + e.getMessage()
                            + spareHint(), e);
                } catch (Error e) {
                    // Kept for the caller (an OutOfMemoryError says what to do there); the writer goes on taking
                    // files off the queue, so a caller blocked on a full queue is never left waiting.
                    writerError = e;
                    failure = MiniascapeException.failed("cannot write " + p.relativePath() + ": " + e, e);
                }
            }
        }
    }

    private void writeNow(Pending p) throws IOException {
        byte[] bytes = p.content().getBytes(StandardCharsets.UTF_8);
        Object previousInode = previous == null ? null : previous.sameAs(p.relativePath(), bytes, p.executable());
        if (previousInode != null && unchangedSoFar) {
            // Nothing is placed while every file is the same: the build may leave the work directory as is.
            sameFiles.add(new Same(p.file(), p.relativePath(), p.executable(), previousInode));
            return;
        }
        placeSameFiles();
        if (stagingArea.holds(p.file(), bytes, p.executable(), previousInode)) {
            return; // the recycled tree has it already
        }
        stagingArea.prepare(p.file());
        if (previousInode != null) {
            previous.place(p.relativePath(), p.file(), p.executable());
        } else {
            create(p.file(), bytes, p.executable());
        }
    }

    /** Places the files found the same so far (once one differs, or the caller writes a file itself). */
    private void placeSameFiles() throws IOException {
        if (unchangedSoFar) {
            unchangedSoFar = false;
            previous.stopListing();
            for (Same same : sameFiles) {
                if (stagingArea.holdsInode(same.file(), same.previousInode())) {
                    continue; // the recycled tree has this very file (a link of the work directory's)
                }
                stagingArea.prepare(same.file());
                previous.place(same.relativePath(), same.file(), same.executable());
            }
            sameFiles.clear();
        }
    }

    /** Creates a file with mode 0755 (scripts) or 0644, less the umask, in one open(2). */
    static void create(Path file, byte[] content, boolean executable) throws IOException {
        try (var channel = Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), executable ? EXECUTABLE : REGULAR)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private void enqueue(Pending p) {
        try {
            queue.put(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MiniascapeException.failed("writing the output was interrupted", e);
        }
    }

    /** Waits until every queued file is written and stops the writer; then reports a failed write. */
    private void drain() {
        if (writer != null) {
            enqueue(END);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MiniascapeException.failed("writing the output was interrupted", e);
            }
            writer = null;
        }
        throwFailure();
    }

    private void throwFailure() {
        Error error = writerError;
        if (error != null) {
            throw error;
        }
        MiniascapeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /**
     * A path in the staging directory for a file the caller writes itself (a binary file, a disk image); its
     * parent directories exist, the file does not yet.
     */
    public synchronized Path reserve(String relativePath) {
        Path file = resolve(relativePath);
        drain(); // the caller may read what was written before (a checksum list)
        try {
            placeSameFiles();
            stagingArea.prepare(file);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot create the directory for " + relativePath + ": "
                    + e.getMessage(), e);
        }
        return file;
    }

    private Path resolve(String relativePath) {
        Path file = staging.resolve(relativePath).normalize();
        if (!file.startsWith(staging) || file.equals(staging)) {
            throw MiniascapeException.badInput("output path '" + relativePath + "' leaves the work directory");
        }
        if (!written.add(relativePath)) {
            throw new IllegalStateException("two generators wrote " + relativePath);
        }
        return file;
    }

    /** The relative paths written so far by the caller (not the {@link #MARKER}). */
    public synchronized Set<String> files() {
        Set<String> files = new HashSet<>(written);
        files.remove(MARKER);
        return Set.copyOf(files);
    }

    /**
     * True after a commit that found every file the same as in the work directory, and nothing else there:
     * the work directory was left as it was (not even a time stamp changed).
     */
    public boolean unchanged() {
        return unchanged;
    }

    /**
     * Swaps the staging directory in place of the work directory, or, when the build is the same as the work
     * directory's content, leaves that as it is.
     */
    public void commit() {
        drain();
        if (unchangedSoFar && previous.holdsExactly(written)) {
            committed = true;
            unchanged = true;
            sameFiles.clear();
            stagingArea.release(target);
            return;
        }
        try {
            placeSameFiles();
            stagingArea.removeExtras(written);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot write the new output in " + staging + ": " + e.getMessage()
                    + spareHint(), e);
        }
        try {
            Path old = null; // where the tree the swap replaces is afterwards
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Staging.move(staging, target);
            } else if (AtomicExchange.exchange(staging, target)) {
                old = staging; // one step: the work directory was the old tree, then the new one
            } else {
                old = moveAside(); // two renames: for a moment there is no work directory
                try {
                    Staging.move(staging, target);
                } catch (IOException e) {
                    Staging.move(old, target); // put the previous output back
                    throw e;
                }
            }
            committed = true;
            if (old != null) {
                retire(old);
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot move the new output into " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tree the swap replaced becomes the spare when it is one to keep (an output of this user's) and there is
     * none; else it is deleted.
     */
    private void retire(Path old) throws IOException {
        Path spare = Staging.spareOf(target);
        if (old.equals(spare)) {
            return;
        }
        if (keepsAsSpare() && !Files.exists(spare, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(old, spare, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException e) {
                // another build made a spare meanwhile
            }
        }
        deleteTree(old);
    }

    /** The replaced tree is kept for the next build: a real directory that was an output, not forced away. */
    private boolean keepsAsSpare() {
        return keepSpare && previous != null && !replacesForeign;
    }

    /** For an error while writing into the spare tree: what the user can do if that tree is damaged. */
    private String spareHint() {
        return stagingArea.recycled() ? " (this build wrote into the spare tree " + Staging.spareOf(target)
                + ", which is back in its place; if it is damaged, delete it and build again)" : "";
    }

    /**
     * Where the file system cannot exchange: moves the work directory out of the way, to the spare's name, for
     * the next build to write into, when it is to be kept and there is no spare; else to a name of this
     * process's, deleted after the swap.
     */
    private Path moveAside() throws IOException {
        Path spare = Staging.spareOf(target);
        if (keepsAsSpare() && !Files.exists(spare, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(target, spare, StandardCopyOption.ATOMIC_MOVE);
                return spare;
            } catch (IOException e) {
                // another build made a spare meanwhile
            }
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
        Staging.move(target, old);
        return old;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                drain();
            } catch (MiniascapeException | Error e) {
                // The build failed already (or fails with this from commit); the staging directory goes anyway.
            }
            stagingArea.release(target);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
