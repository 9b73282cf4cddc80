// Fails the build unless the user's scenarios ran (surefire 2.12.4 would run none and still say BUILD SUCCESS), and
// unless the test class path holds one Jackson version for every Jackson module (the Scala module's included).
def reports = new File(basedir, 'target/surefire-reports')
def xmls = reports.listFiles()?.findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') } ?: []
if (xmls.isEmpty()) throw new AssertionError("the user project ran no scenario (no surefire report): see ${reports}")
int run = xmls.sum(0) { f ->
  def m = f.text =~ /<testsuite[^>]*\stests="(\d+)"/
  m ? m[0][1] as int : 0
}
if (run == 0) throw new AssertionError("the user project ran no scenario (Tests run: 0): see ${reports}")

def log = new File(basedir, 'build.log').text
if (log.contains('occurs multiple times')) throw new AssertionError('logback found two configuration files: see build.log')
// The testkit captures the actors' log lines and prints them only for a failing scenario: none may show here.
if (log.contains('restaurant opens:')) throw new AssertionError('a passing scenario printed its log lines: see build.log')

// What the scenarios ran on, as surefire recorded it: every jar under com/fasterxml/jackson and its version.
def classPath = (xmls[0].text =~ /name="surefire.test.class.path" value="([^"]*)"/)[0][1]
def jackson = classPath.split(File.pathSeparator).findAll { it.replace('\\', '/').contains('/com/fasterxml/jackson/') }
def versions = jackson.collect { new File(it).parentFile.name }.unique()
if (jackson.size() < 8 || versions.size() != 1) {
  throw new AssertionError("expected every Jackson module at one version, got ${versions}:\n" + jackson.join('\n'))
}
println "user project: ${run} scenario(s) run, ${jackson.size()} Jackson modules at ${versions[0]}"
return true
