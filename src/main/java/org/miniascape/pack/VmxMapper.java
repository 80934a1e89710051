package org.miniascape.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.miniascape.MiniascapeException;
import org.miniascape.image.VmxFile;

/**
 * Maps a .vmx to a {@link VmxGuest}, collecting in {@link #notes()} everything it could not map or had to
 * approximate, so the user sees it instead of finding out at boot.
 */
public final class VmxMapper {
    /** guestOS → libosinfo id, for the guests people move most; others get no osinfo (and a note). */
    private static final Map<String, String> OSINFO = new LinkedHashMap<>();

    static {
        OSINFO.put("rhel7-64", "http://redhat.com/rhel/7.0");
        OSINFO.put("rhel8-64", "http://redhat.com/rhel/8.0");
        OSINFO.put("rhel9-64", "http://redhat.com/rhel/9.0");
        OSINFO.put("centos7-64", "http://centos.org/centos/7.0");
        OSINFO.put("centos8-64", "http://centos.org/centos/8");
        OSINFO.put("almalinux-64", "http://almalinux.org/almalinux/9");
        OSINFO.put("rockylinux-64", "http://rockylinux.org/rocky/9");
        OSINFO.put("debian10-64", "http://debian.org/debian/10");
        OSINFO.put("debian11-64", "http://debian.org/debian/11");
        OSINFO.put("debian12-64", "http://debian.org/debian/12");
        OSINFO.put("ubuntu-64", "http://ubuntu.com/ubuntu/22.04");
        OSINFO.put("sles15-64", "http://suse.com/sles/15");
        OSINFO.put("windows9-64", "http://microsoft.com/win/10");
        OSINFO.put("windows11-64", "http://microsoft.com/win/11");
        OSINFO.put("windows2016srv-64", "http://microsoft.com/win/2k16");
        OSINFO.put("windows2019srv-64", "http://microsoft.com/win/2k19");
        OSINFO.put("windows2019srvnext-64", "http://microsoft.com/win/2k22");
    }

    /** VMware NIC models → QEMU's; QEMU emulates all but the old vmxnet (1/2). */
    private static final Map<String, String> NIC_MODELS = Map.of(
            "e1000", "e1000", "e1000e", "e1000e", "vmxnet3", "vmxnet3", "vlance", "pcnet");

    /** VMware SCSI adapters → libvirt controller models QEMU has, so the guest's own driver still works. */
    private static final Map<String, String> SCSI_MODELS = Map.of(
            "lsilogic", "lsilogic", "lsisas1068", "lsisas1068", "pvscsi", "vmpvscsi", "buslogic", "lsilogic");

    /** Key prefixes that are VMware bookkeeping with no libvirt meaning: not reported. */
    private static final Set<String> BOOKKEEPING = Set.of(".encoding", "config.version", "virtualhw.version",
            "nvram", "extendedconfigfile", "uuid.bios", "uuid.location", "vc.uuid", "cleanshutdown", "checkpoint",
            "replay", "softpowerOff".toLowerCase(Locale.ROOT), "tools", "toolscripts", "vmotion", "migrate",
            "pcibridge", "vmci0", "monitor", "sched", "numa", "svga", "hpet0", "powertype", "ehci", "mks",
            "annotation", "guestinfo", "vmxstats", "filesearchpath", "gui", "snapshot", "isolation", "disk",
            "msg", "bios", "vm", "guestos.detailed", "scsi0:0.redo", "evcompatibility", "floppy0.clientdevice");

    private final List<String> notes = new ArrayList<>();

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public VmxGuest map(VmxFile vmx) {
        String display = vmx.get("displayName").orElseGet(() -> stripVmx(vmx.path()));
        // It starts with a letter or digit: the name is a directory under WORKDIR that convert replaces whole,
        // and "." or ".." would be WORKDIR itself or its parent.
        String name = display.replaceAll("[^A-Za-z0-9._+-]+", "-").replaceAll("^[^A-Za-z0-9]+|-+$", "");
        if (name.isEmpty()) {
            throw MiniascapeException.badInput(vmx.path() + ": displayName '" + display + "' gives no usable name");
        }
        if (!name.equals(display)) {
            notes.add("displayName '" + display + "' is used as the domain name '" + name + "'");
        }
        long memory = vmx.number("memsize").orElseThrow(() -> MiniascapeException.badInput(vmx.path()
                + ": no memsize"));
        if (memory <= 0) {
            throw MiniascapeException.badInput(vmx.path() + ": memsize = \"" + memory + "\" is not a memory size "
                    + "(MiB, above 0)");
        }
        long vcpuCount = vmx.number("numvcpus").orElse(1L);
        if (vcpuCount < 1 || vcpuCount > 4096) {
            throw MiniascapeException.badInput(vmx.path() + ": numvcpus = \"" + vcpuCount + "\" is not a CPU count "
                    + "(1 to 4096)");
        }
        int vcpus = (int) vcpuCount;
        Optional<Integer> cores = vmx.number("cpuid.coresPerSocket").map(Long::intValue)
                .filter(c -> c > 1 && vcpus % c == 0);
        String guestOs = vmx.get("guestOS").orElse("other").toLowerCase(Locale.ROOT);
        Optional<String> osinfo = Optional.ofNullable(OSINFO.get(guestOs));
        if (osinfo.isEmpty()) {
            notes.add("guestOS '" + guestOs + "' has no osinfo mapping: the domain carries none (set one with "
                    + "virt-xml --metadata os_name=...)");
        }
        boolean windows = guestOs.startsWith("win");
        boolean efi = vmx.get("firmware").map(f -> f.equalsIgnoreCase("efi")).orElse(false);
        vmx.get("uefi.secureBoot.enabled").filter(v -> v.equalsIgnoreCase("true"))
                .ifPresent(v -> notes.add("UEFI secure boot is not mapped: the guest boots with plain UEFI"));

        List<VmxGuest.Controller> controllers = new ArrayList<>();
        List<VmxGuest.Disk> disks = disks(vmx, controllers);
        boolean ide = disks.stream().anyMatch(d -> d.bus().equals("ide"));
        if (ide) {
            notes.add("IDE devices need the i440fx machine type: the domain uses 'pc', not 'q35'");
        }
        List<VmxGuest.Nic> nics = nics(vmx);
        unmapped(vmx);
        return new VmxGuest(name, memory, vcpus, cores, osinfo, windows, efi, ide ? "pc" : "q35", controllers,
                disks, nics);
    }

    private List<VmxGuest.Disk> disks(VmxFile vmx, List<VmxGuest.Controller> controllers) {
        List<VmxGuest.Disk> found = new ArrayList<>();
        for (String kind : List.of("scsi", "sata", "ide", "nvme")) {
            int maxControllers = kind.equals("ide") ? 2 : 4;
            for (int c = 0; c < maxControllers; c++) {
                String ctl = kind + c;
                boolean present = vmx.isTrue(ctl + ".present") || kind.equals("ide");
                List<VmxGuest.Disk> onThis = new ArrayList<>();
                int units = kind.equals("ide") ? 2 : kind.equals("sata") ? 30 : 16;
                for (int u = 0; u < units; u++) {
                    String key = ctl + ":" + u;
                    if (!vmx.isTrue(key + ".present")) {
                        continue;
                    }
                    if (!present) {
                        notes.add(key + " is present but its controller " + ctl + " is not: left out");
                        continue;
                    }
                    disk(vmx, kind, c, u, key).ifPresent(onThis::add);
                }
                if (!present || onThis.isEmpty()) {
                    continue;
                }
                found.addAll(onThis);
                switch (kind) {
                    case "scsi" -> {
                        String dev = vmx.get(ctl + ".virtualDev").orElse("lsilogic").toLowerCase(Locale.ROOT);
                        String model = SCSI_MODELS.get(dev);
                        if (model == null) {
                            notes.add(ctl + ".virtualDev '" + dev + "' has no QEMU equivalent: virtio-scsi is used "
                                    + "(the guest needs its driver)");
                            model = "virtio-scsi";
                        }
                        controllers.add(new VmxGuest.Controller("scsi", c, Optional.of(model)));
                    }
                    case "sata" -> controllers.add(new VmxGuest.Controller("sata", c, Optional.empty()));
                    case "nvme" -> notes.add(ctl + ": libvirt " + "has no NVMe disk bus here: its disks are "
                            + "attached as virtio (Linux has the driver; Windows needs virtio-win)");
                    default -> {
                        // IDE controllers are built into the machine type.
                    }
                }
            }
        }
        // The boot disk: the first of bios.hddOrder when set, else the first disk in controller order.
        String bootKey = vmx.get("bios.hddOrder").map(o -> o.split(",")[0].strip().toLowerCase(Locale.ROOT))
                .filter(k -> found.stream().anyMatch(d -> d.vmxKey().equals(k) && d.device().equals("disk")))
                .orElseGet(() -> found.stream().filter(d -> d.device().equals("disk")).map(VmxGuest.Disk::vmxKey)
                        .findFirst().orElse(""));
        // Targets in a fixed order: per libvirt prefix, in controller/unit order.
        Map<String, Integer> next = new LinkedHashMap<>();
        List<VmxGuest.Disk> out = new ArrayList<>();
        for (VmxGuest.Disk d : found) {
            String prefix = switch (d.bus()) {
                case "ide" -> "hd";
                case "virtio" -> "vd";
                default -> "sd";
            };
            int n = next.merge(prefix, 1, Integer::sum) - 1;
            out.add(new VmxGuest.Disk(d.vmxKey(), d.device(), d.bus(), prefix + letters(n), d.controller(),
                    d.busNumber(), d.unit(), d.vmdk(), d.image(), d.vmxKey().equals(bootKey)));
        }
        return out;
    }

    private Optional<VmxGuest.Disk> disk(VmxFile vmx, String kind, int c, int u, String key) {
        String type = vmx.get(key + ".deviceType").orElse("disk").toLowerCase(Locale.ROOT);
        Optional<String> file = vmx.get(key + ".fileName");
        boolean cdrom = type.contains("cdrom");
        String bus = kind.equals("nvme") ? "virtio" : kind;
        // VMware numbers IDE as ide0:0/0:1 (primary) and ide1:0/1:1 (secondary): libvirt's bus and unit.
        int controller = kind.equals("ide") ? 0 : c;
        int busNumber = kind.equals("ide") ? c : 0;
        if (cdrom) {
            file.filter(f -> !f.isBlank() && !f.equalsIgnoreCase("auto detect"))
                    .ifPresent(f -> notes.add(key + ": CD-ROM medium '" + f + "' is not carried over: the drive is "
                            + "left empty"));
            vmx.get(key + ".startConnected");
            return Optional.of(new VmxGuest.Disk(key, "cdrom", bus.equals("virtio") ? "sata" : bus, "", controller,
                    busNumber, u, Optional.empty(), Optional.empty(), false));
        }
        if (file.isEmpty() || !file.get().toLowerCase(Locale.ROOT).endsWith(".vmdk")) {
            notes.add(key + ": device type '" + type + "' with file '" + file.orElse("") + "' is not mapped");
            return Optional.empty();
        }
        vmx.get(key + ".mode").filter(m -> m.startsWith("independent"))
                .ifPresent(m -> notes.add(key + ": disk mode '" + m + "' is not mapped (a plain disk)"));
        vmx.get(key + ".redo");
        Path vmxDir = vmx.path().toAbsolutePath().getParent();
        Path vmdk = vmxDir.resolve(file.get()).normalize();
        // A .vmx copied from another host often names its disks by that host's path (a Windows one even):
        // the VMDK is then looked for by its bare name next to the .vmx.
        String bare = file.get().substring(Math.max(file.get().lastIndexOf('/'), file.get().lastIndexOf('\\')) + 1);
        if (!java.nio.file.Files.exists(vmdk) && java.nio.file.Files.exists(vmxDir.resolve(bare))) {
            notes.add(key + ": " + file.get() + " does not exist here; using " + vmxDir.resolve(bare)
                    + " next to the .vmx");
            vmdk = vmxDir.resolve(bare);
        }
        return Optional.of(new VmxGuest.Disk(key, "disk", bus, "", controller, busNumber, u, Optional.of(vmdk),
                Optional.empty(), false));
    }

    private List<VmxGuest.Nic> nics(VmxFile vmx) {
        List<VmxGuest.Nic> nics = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String eth = "ethernet" + i;
            if (!vmx.isTrue(eth + ".present")) {
                continue;
            }
            String dev = vmx.get(eth + ".virtualDev").orElse("e1000").toLowerCase(Locale.ROOT);
            String model = NIC_MODELS.get(dev);
            if (model == null) {
                notes.add(eth + ".virtualDev '" + dev + "' has no QEMU equivalent: e1000 is used");
                model = "e1000";
            }
            String addressType = vmx.get(eth + ".addressType").orElse("generated").toLowerCase(Locale.ROOT);
            Optional<String> mac = (addressType.equals("static") ? vmx.get(eth + ".address")
                    : vmx.get(eth + ".generatedAddress")).map(m -> m.toLowerCase(Locale.ROOT));
            vmx.get(eth + ".generatedAddressOffset");
            if (mac.isPresent() && !mac.get().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                notes.add(eth + ": MAC address '" + mac.get() + "' is malformed: libvirt will generate one");
                mac = Optional.empty();
            } else if (mac.isEmpty()) {
                notes.add(eth + ": no " + (addressType.equals("static") ? "address" : "generatedAddress")
                        + " in the .vmx: libvirt will generate a MAC");
            }
            nics.add(new VmxGuest.Nic(i, mac, network(vmx, eth), model));
        }
        return nics;
    }

    private String network(VmxFile vmx, String eth) {
        Optional<String> networkName = vmx.get(eth + ".networkName");
        String type = vmx.get(eth + ".connectionType").orElse(networkName.isPresent() ? "custom" : "bridged")
                .toLowerCase(Locale.ROOT);
        if (networkName.isPresent()) {
            notes.add(eth + ": attached to the libvirt network '" + networkName.get()
                    + "' (the vSphere port group's name): it must exist on the host");
            return networkName.get();
        }
        return switch (type) {
            case "nat" -> "default";
            case "custom" -> {
                String vnet = vmx.get(eth + ".vnet").orElse("default");
                notes.add(eth + ": custom VMware network '" + vnet + "' becomes the libvirt network '" + vnet
                        + "': it must exist on the host");
                yield vnet;
            }
            default -> {
                notes.add(eth + ": VMware '" + type + "' networking is not mapped: attached to the libvirt network "
                        + "'default' (NAT)");
                yield "default";
            }
        };
    }

    /** Devices switched on in the .vmx that nothing above mapped, and other settings left unread. */
    private void unmapped(VmxFile vmx) {
        Set<String> devices = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (String key : vmx.keys()) {
            if (vmx.used(key) || bookkeeping(key)) {
                continue;
            }
            int dot = key.indexOf('.');
            String prefix = dot > 0 ? key.substring(0, dot) : key;
            if (key.endsWith(".present")) {
                if (vmx.isTrue(key)) {
                    devices.add(prefix);
                }
            } else if (!vmx.keys().contains(prefix + ".present")) {
                others.add(key);
            }
        }
        for (String d : devices) {
            notes.add("device " + d + " is not mapped");
        }
        if (!others.isEmpty()) {
            notes.add("settings not mapped: " + String.join(", ", others));
        }
    }

    private static boolean bookkeeping(String key) {
        for (String b : BOOKKEEPING) {
            if (key.equals(b) || key.startsWith(b + ".") || key.startsWith(b + ":")
                    || key.matches(b + "\\d+(\\..*)?")) {
                return true;
            }
        }
        return false;
    }

    private static String letters(int n) {
        String s = "";
        int i = n;
        do {
            s = (char) ('a' + i % 26) + s;
            i = i / 26 - 1;
        } while (i >= 0);
        return s;
    }

    private static String stripVmx(Path p) {
        String f = p.getFileName().toString();
        return f.toLowerCase(Locale.ROOT).endsWith(".vmx") ? f.substring(0, f.length() - 4) : f;
    }
}
