export default {
  displayName: 'timecode',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/timecode',
};
