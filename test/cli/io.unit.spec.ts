import { PassThrough } from 'node:stream';
import { quietWhenReadersLeave } from '../../cli/io';

const error = (code: string) => Object.assign(new Error(`write ${code}`), { code });

describe('a reader that went away', () => {
  it('drops what goes to stderr and lets the command go on; a closed stdout ends it quietly', () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough() };
    const end = jest.fn();
    quietWhenReadersLeave(io, end);
    io.stderr.emit('error', error('EPIPE'));
    io.stderr.emit('error', error('ERR_STREAM_DESTROYED'));
    expect(end).not.toHaveBeenCalled();
    io.stdout.emit('error', error('EPIPE'));
    expect(end).toHaveBeenCalledTimes(1);
  });

  it('leaves any other error of the streams an error', () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough() };
    quietWhenReadersLeave(io, () => undefined);
    expect(() => io.stderr.emit('error', error('ENOSPC'))).toThrow('write ENOSPC');
    expect(() => io.stdout.emit('error', error('EIO'))).toThrow('write EIO');
  });
});
