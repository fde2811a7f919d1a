# The Debian package (`make deb`, CPack's DEB generator): what `cmake --install` puts where, and
# the package's metadata. docs/operations.md, "The Debian package", says how to build and install
# it; tests/packaging/deb_test.sh checks its contents and installs it into a scratch root.
#
#   /usr/bin/jaring                          the program (stripped)
#   /usr/share/jaring/web/                   the built front end (web/dist: build it first)
#   /lib/systemd/system/jaring.service       the unit (packaging/jaring.service)
#   /etc/jaring/jaring.conf                  the settings (a conffile: upgrades keep local edits)
#   /usr/share/doc/jaring/                   operations.md, the nginx example in it, copyright
# Maintainer scripts (packaging/debian): postinst makes the system user and /var/lib/jaring and
# enables and starts the service; prerm stops it; postrm disables it, and on purge removes the data.

install(TARGETS jaring RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION share/jaring/web
        MESSAGE_NEVER)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/jaring.service DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/jaring.conf DESTINATION /etc/jaring)
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/packaging/copyright
        DESTINATION share/doc/jaring)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jaring)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "jaring maintainers <jaring@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "registry and monthly verification of BPJS Ketenagakerjaan cover for vulnerable workers")
set(CPACK_PACKAGE_DESCRIPTION
    "jaring keeps a regency's list of vulnerable workers whose BPJS Ketenagakerjaan contributions\n\
it pays: imports, the monthly verification, programs, bills, cards and claims, served on the web\n\
by `jaring serve` (a systemd service) from SQLite or PostgreSQL.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # jaring_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages, found by dpkg-shlibdeps from the program's links; the rest by
# hand: Noto Sans for every PDF (a document is refused without it), useradd for the postinst,
# and PostgreSQL's client programs for `jaring backup` of a PostgreSQL database.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core, passwd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
