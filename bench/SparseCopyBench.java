import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.miniascape.image.Progress;
import org.miniascape.image.SparseCopy;

/**
 * Times SparseCopy alone, without JVM start or hashing, up to the data being on disk (fsync, as the cp side
 * of the benchmark runs sync on its copies): once in a fresh JVM (what a repack run sees: JNA loading and JIT
 * warm-up included), then again warm. Run from bench/repack.sh:
 * javac -d CLASSES bench/SparseCopyBench.java; java -cp CLASSES:JAR:LIB/* SparseCopyBench DSTDIR SRC... →
 * prints "COLD_SECONDS WARM_SECONDS".
 */
public class SparseCopyBench {
    public static void main(String[] args) throws Exception {
        Path dst = Path.of(args[0]);
        double cold = copyAll(dst.resolve("cold"), args);
        double warm = copyAll(dst.resolve("warm"), args);
        System.out.printf("%.3f %.3f%n", cold, warm);
    }

    private static double copyAll(Path dir, String[] args) throws Exception {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        for (int i = 1; i < args.length; i++) {
            Path src = Path.of(args[i]);
            SparseCopy.copy(src, dir.resolve(src.getFileName()), Progress.NONE);
        }
        for (int i = 1; i < args.length; i++) {
            try (FileChannel ch = FileChannel.open(dir.resolve(Path.of(args[i]).getFileName()),
                    StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
