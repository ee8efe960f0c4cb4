package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostileCheckpointTest {

    @TempDir
    Path dir;

    private Path withPickle(byte[] pickle) throws Exception {
        return new TorchZip("archive").pickle(pickle).write(dir.resolve("hostile.pth"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file, String message) {
        return assertThatThrownBy(() -> PthReader.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void osSystemIsRefusedAndNothingRuns() throws Exception {
        Path marker = dir.resolve("pwned");
        byte[] pickle = new PickleBytes().proto(2).global("os", "system")
                .mark().str("touch " + marker).tuple().reduce().stop().bytes();

        assertRefused(withPickle(pickle), "refused pickle global 'os.system'");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtins.eval", "__builtin__.bytearray", "builtins.set", "datetime.datetime",
        "decimal.Decimal", "copy_reg._reconstructor", "_codecs.encode", "torch.load", "collections.defaultdict"})
    void globalsOutsideTheWhitelistAreRefusedEvenWherePyroliteHasAConstructor(String global) throws Exception {
        int dot = global.lastIndexOf('.');
        byte[] pickle = new PickleBytes().proto(2).global(global.substring(0, dot), global.substring(dot + 1))
                .mark().str("x").tuple().reduce().stop().bytes();

        assertRefused(withPickle(pickle), "refused pickle global '" + global + "'");
    }

    @Test
    void stackGlobalIsCheckedLikeGlobal() throws Exception {
        byte[] pickle = new PickleBytes().proto(4).shortStr("os").shortStr("system").op(0x93)
                .mark().str("id").tuple().reduce().stop().bytes();

        assertRefused(withPickle(pickle), "refused pickle global 'os.system'");
    }

    @Test
    void instOpcodeIsRefusedNamingItsGlobal() throws Exception {
        byte[] pickle = new PickleBytes().mark().str("id").op('i').ascii("os\nsystem\n").stop().bytes();

        assertRefused(withPickle(pickle), "refused pickle global 'os.system' (INST)");
    }

    @Test
    void newobjIsRefused() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).global("collections", "OrderedDict").emptyTuple().op(0x81)
                .stop().bytes();

        assertRefused(withPickle(pickle), "refused pickle opcode 0x81");
    }

    @Test
    void aStorageTypeCannotBeCalled() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).global("torch", "FloatStorage").emptyTuple().reduce().stop().bytes();

        assertRefused(withPickle(pickle), "refused call of torch.FloatStorage");
    }

    @Test
    void callingANonGlobalIsRefused() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).str("os.system").emptyTuple().reduce().stop().bytes();

        assertRefused(withPickle(pickle), "refused call of a String");
    }

    @Test
    void buildIsOnlyAcceptedOnAnOrderedDict() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).emptyDict().emptyDict().build().stop().bytes();

        assertRefused(withPickle(pickle), "refused BUILD of a dict");
    }

    @Test
    void persistentIdsOtherThanStoragesAreRefused() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).mark().str("module").str("os").tuple().persistentId().stop().bytes();

        assertRefused(withPickle(pickle), "refused persistent id");
    }

    @Test
    void storageKeysCannotBePaths() throws Exception {
        Path file = new TorchZip("archive").tensor(new TorchZip.Tensor("E.a", "FloatStorage", "../../etc/passwd", 1, 0,
                new long[] {1}, new long[] {1})).write(dir.resolve("c.pth"));

        assertRefused(file, "invalid storage key '../../etc/passwd'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "archive/../../evil", "/etc/passwd", "C:/evil", "archive\\..\\evil"})
    void unsafeEntryNamesAreRefused(String name) throws Exception {
        Path file = new TorchZip("archive").floats("E.a", new long[] {1}, 1f).entry(name, new byte[1])
                .write(dir.resolve("c.pth"));

        assertRefused(file, "unsafe entry name '" + name + "'");
    }

    @Test
    void aTruncatedZipIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.setACheckpoint());
        Path file = Files.write(dir.resolve("cut.pth"), Arrays.copyOf(whole, whole.length / 2));

        assertRefused(file, "not a readable zip archive (truncated or corrupt)");
    }

    @Test
    void aFileThatIsNotAZipIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("model.pth"), "<html>404 not found</html>");

        assertRefused(file, "model.pth: not a PyTorch zip checkpoint or safetensors file");
    }

    @Test
    void theLegacyNonZipFormatIsRefusedWithAHint() throws Exception {
        byte[] legacy = new PickleBytes().proto(2).op(0x8a).op(10)
                .op(0x6c).op(0xfc).op(0x9c).op(0x46).op(0xf9).op(0x20).op(0x6a).op(0xa8).op(0x50).op(0x19).op('.').bytes();
        Path file = Files.write(dir.resolve("old.pth"), legacy);

        assertRefused(file, "legacy non-zip PyTorch format is not supported; re-save with "
                + "torch.save(..., _use_new_zipfile_serialization=True)");
    }

    @Test
    void aZipWithoutDataPklIsRefused() throws Exception {
        Path noPickle = dir.resolve("empty.pth");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(noPickle))) {
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write('3');
        }

        assertRefused(noPickle, "zip archive has no <folder>/data.pkl");
    }

    @Test
    void aStorageRecordShorterThanDeclaredIsRefused() throws Exception {
        Path file = new TorchZip("archive")
                .tensor(new TorchZip.Tensor("E.a", "FloatStorage", "0", 6, 0, new long[] {6}, new long[] {1}))
                .record("data/0", new byte[8])
                .write(dir.resolve("c.pth"));

        assertRefused(file, "E.a: storage record data/0 holds 8 bytes, fewer than the 6 F32 elements it declares");
    }

    @Test
    void aTensorReachingPastItsStorageIsRefused() throws Exception {
        Path file = new TorchZip("archive")
                .tensor(new TorchZip.Tensor("E.a", "FloatStorage", "0", 4, 2, new long[] {4}, new long[] {1}))
                .record("data/0", new byte[16])
                .write(dir.resolve("c.pth"));

        assertRefused(file, "E.a: needs elements up to 6 of storage data/0, which declares 4");
    }

    @Test
    void aMissingStorageRecordIsRefused() throws Exception {
        Path file = new TorchZip("archive")
                .tensor(new TorchZip.Tensor("E.a", "FloatStorage", "7", 1, 0, new long[] {1}, new long[] {1}))
                .write(dir.resolve("c.pth"));

        assertRefused(file, "E.a: storage record data/7 is missing");
    }

    @Test
    void negativeDimensionsAreRefused() throws Exception {
        assertRefused(tensorOfShape(new long[] {2, -3}), "E.a: negative dimension in shape [2, -3]");
    }

    @Test
    void shapesWhoseElementCountOverflowsAreRefused() throws Exception {
        assertRefused(tensorOfShape(new long[] {1L << 32, 1L << 32}), "more than 2147483647 elements");
    }

    @Test
    void tensorsOverTwoBillionElementsAreRefused() throws Exception {
        assertRefused(tensorOfShape(new long[] {65536, 65536}), "E.a: shape [65536, 65536] has more than 2147483647 elements");
    }

    @Test
    void negativeStridesAreRefused() throws Exception {
        Path file = new TorchZip("archive")
                .tensor(new TorchZip.Tensor("E.a", "FloatStorage", "0", 4, 0, new long[] {2, 2}, new long[] {-2, 1}))
                .record("data/0", new byte[16])
                .write(dir.resolve("c.pth"));

        assertRefused(file, "E.a: negative stride in [-2, 1]");
    }

    @Test
    void aCompressedDataPklOverTheLimitIsRefusedWithoutInflatingIt() throws Exception {
        Path file = new TorchZip("archive").pickle(new byte[TorchUnpickler.MAX_PICKLE_BYTES + 1])
                .deflate("archive/data.pkl").write(dir.resolve("bomb.pth"));

        assertThat(Files.size(file)).isLessThan(1 << 20);
        assertRefused(file, "data.pkl is 8388609 bytes, more than the limit of 8388608");
    }

    @Test
    void aCompressedStorageIsInflatedOnlyAsFarAsTheTensorNeeds() throws Exception {
        Path file = new TorchZip("archive")
                .tensor(new TorchZip.Tensor("E.a", "FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}))
                .record("data/0", new byte[256 << 20])
                .deflate("archive/data/0")
                .write(dir.resolve("bomb.pth"));

        assertThat(PthReader.read(file).get("E.a").toFloats()).containsExactly(0f, 0f);
    }

    @Test
    void aLengthPrefixRunningPastThePickleIsRefusedBeforeAllocation() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).op('X').int32(Integer.MAX_VALUE).ascii("abc").bytes();

        assertRefused(withPickle(pickle), "malformed data.pkl: a length of 2147483647 bytes runs past the end of the pickle");
    }

    @Test
    void aTextIntegerTooLongToParseCheaplyIsRefused() throws Exception {
        byte[] pickle = new PickleBytes().op('L').ascii("9".repeat(100_000) + "L\n").stop().bytes();

        assertRefused(withPickle(pickle), "malformed data.pkl: an integer of 100000 digits");
    }

    @Test
    void aTruncatedPickleIsRefused() throws Exception {
        byte[] whole = new TorchZip("archive").floats("E.a", new long[] {1}, 1f).statePickle();

        assertRefused(withPickle(Arrays.copyOf(whole, whole.length / 2)), "malformed data.pkl");
    }

    @Test
    void aPickleThatIsNotADictIsRefused() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).op(']').stop().bytes();

        assertRefused(withPickle(pickle), "data.pkl holds no state dict");
    }

    @Test
    void aModelKeyThatIsNotATensorIsRefused() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).emptyDict().str("E.a").integer(3).setItem().stop().bytes();

        assertRefused(withPickle(pickle), "E.a: not a tensor");
    }

    @Test
    void bigEndianStoragesAreRefused() throws Exception {
        Path file = new TorchZip("archive").floats("E.a", new long[] {1}, 1f)
                .record("byteorder", "big".getBytes(StandardCharsets.US_ASCII))
                .write(dir.resolve("c.pth"));

        assertRefused(file, "checkpoint storages are 'big'-endian; only little-endian is supported");
    }

    @Test
    void hostileNamesCannotBreakTheOneLineMessage() throws Exception {
        byte[] pickle = new PickleBytes().proto(2).global("os", "sys\rtem").stop().bytes();

        assertRefused(withPickle(pickle), "refused pickle global 'os.sys?tem'");
    }

    private Path tensorOfShape(long[] shape) throws Exception {
        return new TorchZip("archive")
                .tensor(new TorchZip.Tensor("E.a", "FloatStorage", "0", 4, 0, shape, TorchZip.rowMajor(shape)))
                .record("data/0", new byte[16])
                .write(dir.resolve("c.pth"));
    }
}
