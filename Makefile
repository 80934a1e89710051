# make packages: the .deb and the .rpm of miniascape into target/packages/ (mvn package, then
# packaging/build-packages.sh over dpkg-deb and rpmbuild). SIGN_KEY=KEYID also signs the .rpm (GNUPGHOME: the
# key's GnuPG home). make package-files builds them from an existing TARGET without Maven.
TARGET ?= target
PACKAGES ?= $(TARGET)/packages
# Extra Maven options, such as -o for an offline build.
MVN_FLAGS ?=
# The project version, as the build wrote it beside the classes (read after mvn package ran).
VERSION ?= $(shell sed -n 's/^version=//p' $(TARGET)/classes/org/miniascape/cli/build-info.properties)

.PHONY: packages package-files jar
packages: jar
	$(MAKE) package-files

jar:
	mvn -B -q $(MVN_FLAGS) package -DskipTests

package-files:
	SIGN_KEY='$(SIGN_KEY)' packaging/build-packages.sh '$(TARGET)' '$(PACKAGES)' '$(VERSION)'
