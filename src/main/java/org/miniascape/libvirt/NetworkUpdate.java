package org.miniascape.libvirt;

/**
 * One virNetworkUpdate call: what to do with one XML element of one section. {@code parentIndex} selects the
 * {@code <ip>} element for DHCP sections (-1: the first/only one); {@code scope} says which definition it
 * changes.
 */
public record NetworkUpdate(Command command, Section section, int parentIndex, String xml, Scope scope) {

    /** Which definition an update changes. */
    public enum Scope {
        /** The persistent config, and the running network when it is active (the usual case). */
        BOTH,
        /** Only the persistent config. */
        CONFIG,
        /** Only the running network. */
        LIVE
    }

    /** virNetworkUpdateCommand, values as in libvirt. */
    public enum Command {
        MODIFY(1), DELETE(2), ADD_LAST(3), ADD_FIRST(4);

        final int value;

        Command(int value) {
            this.value = value;
        }
    }

    /** virNetworkUpdateSection: the sections miniascape changes live. */
    public enum Section {
        IP_DHCP_HOST(4), DNS_HOST(10);

        final int value;

        Section(int value) {
            this.value = value;
        }
    }

    public static NetworkUpdate of(Command command, Section section, String xml) {
        return new NetworkUpdate(command, section, -1, xml, Scope.BOTH);
    }

    /** The update in a plan's words, e.g. "add DHCP host <host mac='…' name='web' ip='…'/>". */
    public String describe() {
        String verb = switch (command) {
            case MODIFY -> "modify";
            case DELETE -> "delete";
            case ADD_LAST, ADD_FIRST -> "add";
        };
        String where = switch (scope) {
            case BOTH -> "";
            case CONFIG -> " (in its config)";
            case LIVE -> " (in the running network)";
        };
        return verb + (section == Section.IP_DHCP_HOST ? " DHCP host " : " DNS host ") + xml.replaceAll("\\s*\\n\\s*", "")
                + where;
    }

    public NetworkUpdate in(Scope newScope) {
        return new NetworkUpdate(command, section, parentIndex, xml, newScope);
    }
}
