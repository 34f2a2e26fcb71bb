// electron-builder afterPack hook used only by the offline packaging check (scripts/packaging/dry-pack.ts).
// The deb and AppImage targets need tools from GitHub, so they cannot run offline; this hook asks
// electron-builder's own LinuxTargetHelper for the .desktop entries those targets would install, with the
// same option merge they use, and writes them to <outDir>/desktop-entries.json for the check to inspect.
const { join } = require('node:path');
const { writeFile } = require('node:fs/promises');
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
const { deepAssign } = require('builder-util-runtime');

exports.default = async function writeDesktopEntries(context) {
  if (context.electronPlatformName !== 'linux') return;
  const packager = context.packager;
  const helper = new LinuxTargetHelper(packager);
  const optionsFor = (target) => deepAssign({}, packager.platformSpecificBuildOptions, packager.config[target]);
  const report = {
    desktopFileName: helper.getDesktopFileName(),
    deb: await helper.computeDesktopEntry(optionsFor('deb')),
    appImage: await helper.computeDesktopEntry(optionsFor('appImage'), 'AppRun --no-sandbox %U'),
    icons: (await helper.icons).map((icon) => ({ file: icon.file, size: icon.size })),
  };
  await writeFile(join(context.outDir, 'desktop-entries.json'), JSON.stringify(report, null, 2));
};
