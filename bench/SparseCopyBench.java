import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.miniascape.image.Progress;
import org.miniascape.image.SparseCopy;

/**
 * Times SparseCopy alone, without JVM start or hashing, up to the data being on disk (fsync, as the cp side
 * of the benchmark runs sync on its copies). Run from bench/repack.sh:
 * java -cp JAR:LIB/* bench/SparseCopyBench.java DSTDIR SRC... → prints seconds.
 */
public class SparseCopyBench {
    public static void main(String[] args) throws Exception {
        Path dst = Path.of(args[0]);
        long t0 = System.nanoTime();
        for (int i = 1; i < args.length; i++) {
            Path src = Path.of(args[i]);
            SparseCopy.copy(src, dst.resolve(src.getFileName()), Progress.NONE);
        }
        for (int i = 1; i < args.length; i++) {
            try (FileChannel ch = FileChannel.open(dst.resolve(Path.of(args[i]).getFileName()), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        System.out.printf("%.3f%n", (System.nanoTime() - t0) / 1e9);
    }
}
