/** Every command the flags chunk registers: index.ts stands in for them until the chunk has loaded. */
export const FLAG_COMMANDS = [
  'gearshift.toggleFeature', 'gearshift.setDefaultVariant', 'gearshift.addFeatureToggle', 'gearshift.removeFeatureToggle',
  'gearshift.killSwitch', 'gearshift.undoToggle', 'gearshift.showFlagReferences', 'gearshift.flagsSnapshot',
] as const;
